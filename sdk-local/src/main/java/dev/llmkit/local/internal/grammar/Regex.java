package dev.llmkit.local.internal.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the regular-expression subset JSON Schema {@code pattern}s use into a Thompson NFA over
 * code points: literals, escapes ({@code \d \w \s \D \W \S}, escaped punctuation, {@code \\uXXXX}),
 * classes with ranges and negation, {@code .}, groups ({@code (...)}, {@code (?:...)}), {@code |},
 * quantifiers {@code * + ? {n} {n,} {n,m}} (lazy forms match the same strings), {@code ^} at the
 * start and {@code $} at the end. A pattern without {@code ^} or {@code $} matches anywhere in the
 * string, as JSON Schema says. Anything else (look-around, back-references, anchors in the middle)
 * is rejected with a {@link SchemaException}.
 */
final class Regex {
  static final int MAX_STATES = 4000;
  static final int MAX_CODE_POINT = 0x10FFFF;
  private static final int[] ANY = {0, 0xD7FF, 0xE000, MAX_CODE_POINT};

  final List<int[]> epsilon = new ArrayList<>();
  final List<int[]> ranges = new ArrayList<>();
  final List<Integer> target = new ArrayList<>();
  int start;
  int accept;

  private final String src;
  private final String path;
  private int pos;

  private Regex(String src, String path) {
    this.src = src;
    this.path = path;
  }

  /** The NFA of {@code pattern}; {@code path} names the keyword in errors. */
  static Regex compile(String pattern, String path) {
    Regex r = new Regex(pattern, path);
    boolean anchoredStart = pattern.startsWith("^");
    if (anchoredStart) {
      r.pos = 1;
    }
    int[] body = r.alternation();
    boolean anchoredEnd =
        r.pos < pattern.length() && pattern.charAt(r.pos) == '$' && r.pos == pattern.length() - 1;
    if (anchoredEnd) {
      r.pos++;
    }
    if (r.pos != pattern.length()) {
      throw r.error("unsupported or unbalanced '" + pattern.charAt(r.pos) + "' at offset " + r.pos);
    }
    if (!anchoredStart) {
      body = r.concat(r.star(r.chars(ANY)), body);
    }
    if (!anchoredEnd) {
      body = r.concat(body, r.star(r.chars(ANY)));
    }
    r.start = body[0];
    r.accept = body[1];
    return r;
  }

  private SchemaException error(String what) {
    return new SchemaException(
        path,
        "pattern "
            + "\""
            + src
            + "\""
            + ": "
            + what
            + "; supported: literals, classes, groups, |, quantifiers, ^ and $ at the ends");
  }

  private int state() {
    if (epsilon.size() >= MAX_STATES) {
      throw error("too large (more than " + MAX_STATES + " automaton states)");
    }
    epsilon.add(new int[0]);
    ranges.add(null);
    target.add(-1);
    return epsilon.size() - 1;
  }

  private void link(int from, int to) {
    int[] e = epsilon.get(from);
    int[] n = java.util.Arrays.copyOf(e, e.length + 1);
    n[e.length] = to;
    epsilon.set(from, n);
  }

  /** A fragment {start, end}. */
  private int[] chars(int[] set) {
    int s = state();
    int e = state();
    ranges.set(s, set);
    target.set(s, e);
    return new int[] {s, e};
  }

  private int[] concat(int[] a, int[] b) {
    link(a[1], b[0]);
    return new int[] {a[0], b[1]};
  }

  private int[] star(int[] a) {
    int s = state();
    int e = state();
    link(s, a[0]);
    link(s, e);
    link(a[1], a[0]);
    link(a[1], e);
    return new int[] {s, e};
  }

  private int[] optional(int[] a) {
    int s = state();
    int e = state();
    link(s, a[0]);
    link(s, e);
    link(a[1], e);
    return new int[] {s, e};
  }

  private int[] empty() {
    int s = state();
    int e = state();
    link(s, e);
    return new int[] {s, e};
  }

  private boolean more() {
    return pos < src.length();
  }

  private int[] alternation() {
    int[] first = sequence();
    if (!more() || src.charAt(pos) != '|') {
      return first;
    }
    int s = state();
    int e = state();
    link(s, first[0]);
    link(first[1], e);
    while (more() && src.charAt(pos) == '|') {
      pos++;
      int[] next = sequence();
      link(s, next[0]);
      link(next[1], e);
    }
    return new int[] {s, e};
  }

  private int[] sequence() {
    int[] result = empty();
    while (more()) {
      char c = src.charAt(pos);
      if (c == '|' || c == ')' || (c == '$' && pos == src.length() - 1)) {
        break;
      }
      int atomStart = pos;
      int[] atom = atom();
      result = concat(result, quantified(atom, atomStart));
    }
    return result;
  }

  private int[] quantified(int[] atom, int atomStart) {
    if (!more()) {
      return atom;
    }
    char c = src.charAt(pos);
    int min;
    int max;
    if (c == '*' || c == '+' || c == '?') {
      pos++;
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : -1;
    } else if (c == '{' && src.indexOf('}', pos) > pos) {
      int close = src.indexOf('}', pos);
      String body = src.substring(pos + 1, close);
      try {
        int comma = body.indexOf(',');
        min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
        max =
            comma < 0
                ? min
                : comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
      } catch (NumberFormatException e) {
        throw error("bad quantifier {" + body + "}");
      }
      if (min > 1000 || max > 1000 || (max >= 0 && max < min)) {
        throw error("quantifier {" + body + "} out of range (0 to 1000, min <= max)");
      }
      pos = close + 1;
    } else {
      return atom;
    }
    if (more() && src.charAt(pos) == '?') {
      pos++; // lazy: same language
    }
    return repeat(atom, atomStart, min, max);
  }

  /** {@code atom} (re-parsed from {@code atomStart} for each copy) repeated min..max times. */
  private int[] repeat(int[] atom, int atomStart, int min, int max) {
    int saved = pos;
    int[] result = empty();
    int copies = Math.max(min, max < 0 ? min + 1 : max);
    for (int i = 0; i < copies; i++) {
      int[] copy = atom;
      if (i > 0) {
        pos = atomStart;
        copy = atom();
      }
      if (i < min) {
        result = concat(result, copy);
      } else if (max < 0) {
        result = concat(result, star(copy));
      } else {
        result = concat(result, optional(copy));
      }
    }
    pos = saved;
    return result;
  }

  private int[] atom() {
    char c = src.charAt(pos);
    switch (c) {
      case '(':
        pos++;
        if (src.startsWith("?:", pos)) {
          pos += 2;
        } else if (src.startsWith("?", pos)) {
          throw error(
              "group ("
                  + src.substring(pos, Math.min(src.length(), pos + 2))
                  + " (look-around or named group) is not supported");
        }
        int[] inner = alternation();
        if (!more() || src.charAt(pos) != ')') {
          throw error("missing ')'");
        }
        pos++;
        return inner;
      case '[':
        return chars(charClass());
      case '.':
        pos++;
        return chars(CharSets.minus(ANY, new int[] {'\n', '\n'}));
      case '\\':
        pos++;
        return chars(escape(false));
      case '^':
      case '$':
        throw error("anchor '" + c + "' is only supported at the start / end");
      case '*':
      case '+':
      case '?':
      case '{':
        throw error("quantifier '" + c + "' without anything to repeat at offset " + pos);
      default:
        int cp = src.codePointAt(pos);
        pos += Character.charCount(cp);
        return chars(new int[] {cp, cp});
    }
  }

  private int[] charClass() {
    pos++; // '['
    boolean negate = more() && src.charAt(pos) == '^';
    if (negate) {
      pos++;
    }
    int[] set = new int[0];
    boolean first = true;
    while (more() && (src.charAt(pos) != ']' || first)) {
      first = false;
      int[] item;
      int lo;
      if (src.charAt(pos) == '\\') {
        pos++;
        item = escape(true);
        lo = item.length == 2 && item[0] == item[1] ? item[0] : -1;
      } else {
        lo = src.codePointAt(pos);
        pos += Character.charCount(lo);
        item = new int[] {lo, lo};
      }
      if (lo >= 0
          && pos + 1 < src.length()
          && src.charAt(pos) == '-'
          && src.charAt(pos + 1) != ']') {
        pos++;
        int hi;
        if (src.charAt(pos) == '\\') {
          pos++;
          int[] h = escape(true);
          if (h.length != 2 || h[0] != h[1]) {
            throw error("bad class range");
          }
          hi = h[0];
        } else {
          hi = src.codePointAt(pos);
          pos += Character.charCount(hi);
        }
        if (hi < lo) {
          throw error("class range out of order");
        }
        item = new int[] {lo, hi};
      }
      set = CharSets.union(set, item);
    }
    if (!more()) {
      throw error("missing ']'");
    }
    pos++;
    return negate ? CharSets.minus(ANY, set) : CharSets.minus(set, new int[] {0xD800, 0xDFFF});
  }

  private int[] escape(boolean inClass) {
    if (!more()) {
      throw error("trailing backslash");
    }
    char c = src.charAt(pos++);
    switch (c) {
      case 'd':
        return new int[] {'0', '9'};
      case 'D':
        return CharSets.minus(ANY, new int[] {'0', '9'});
      case 'w':
        return CharSets.WORD;
      case 'W':
        return CharSets.minus(ANY, CharSets.WORD);
      case 's':
        return CharSets.SPACE;
      case 'S':
        return CharSets.minus(ANY, CharSets.SPACE);
      case 'n':
        return new int[] {'\n', '\n'};
      case 't':
        return new int[] {'\t', '\t'};
      case 'r':
        return new int[] {'\r', '\r'};
      case 'f':
        return new int[] {'\f', '\f'};
      case 'v':
        return new int[] {0x0B, 0x0B};
      case 'u':
        if (pos + 4 <= src.length()) {
          try {
            int cp = Integer.parseInt(src.substring(pos, pos + 4), 16);
            pos += 4;
            return new int[] {cp, cp};
          } catch (NumberFormatException e) {
            // reported below
          }
        }
        throw error("bad \\u escape");
      default:
        if (!Character.isLetterOrDigit(c)) {
          return new int[] {c, c};
        }
        throw error("escape \\" + c + " is not supported");
    }
  }
}
