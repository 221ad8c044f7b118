package dev.llmkit.local.internal.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Python's {@code str} methods with Python's whitespace and argument rules. */
final class StrMethods {
  private StrMethods() {}

  static boolean isSpace(int c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == 0x1c
        || c == 0x1d
        || c == 0x1e
        || c == 0x1f
        || c == 0x85;
  }

  static @Nullable Object call(
      String s, String name, List<@Nullable Object> args, Map<String, @Nullable Object> kwargs) {
    switch (name) {
      case "strip":
        return strip(s, chars(args), true, true);
      case "lstrip":
        return strip(s, chars(args), true, false);
      case "rstrip":
        return strip(s, chars(args), false, true);
      case "split":
      case "rsplit":
        {
          Object sep = args.isEmpty() ? kwargs.get("sep") : args.get(0);
          Object max = args.size() > 1 ? args.get(1) : kwargs.get("maxsplit");
          int maxsplit = max == null ? -1 : (int) Py.asLong(max);
          return name.equals("split")
              ? split(s, (String) sep, maxsplit)
              : rsplit(s, (String) sep, maxsplit);
        }
      case "startswith":
      case "endswith":
        {
          Object p = Methods.arg(args, 0, name);
          List<@Nullable Object> options =
              p instanceof List ? Py.iterate(p) : List.of(str(p, name));
          for (Object o : options) {
            String prefix = str(o, name);
            if (name.equals("startswith") ? s.startsWith(prefix) : s.endsWith(prefix)) {
              return true;
            }
          }
          return false;
        }
      case "replace":
        {
          String old = str(Methods.arg(args, 0, name), name);
          String rep = str(Methods.arg(args, 1, name), name);
          long count = args.size() > 2 ? Py.asLong(args.get(2)) : -1;
          return replace(s, old, rep, count);
        }
      case "title":
        return title(s);
      case "upper":
        return s.toUpperCase(java.util.Locale.ROOT);
      case "lower":
        return s.toLowerCase(java.util.Locale.ROOT);
      case "swapcase":
        return swapcase(s);
      case "capitalize":
        return s.isEmpty()
            ? s
            : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                + s.substring(1).toLowerCase(java.util.Locale.ROOT);
      case "find":
        return (long) s.indexOf(str(Methods.arg(args, 0, name), name));
      case "rfind":
        return (long) s.lastIndexOf(str(Methods.arg(args, 0, name), name));
      case "index":
        {
          int i = s.indexOf(str(Methods.arg(args, 0, name), name));
          if (i < 0) {
            throw new JinjaException(JinjaException.Kind.VALUE, "substring not found");
          }
          return (long) i;
        }
      case "count":
        {
          String sub = str(Methods.arg(args, 0, name), name);
          if (sub.isEmpty()) {
            return Py.length(s) + 1;
          }
          long c = 0;
          for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            c++;
          }
          return c;
        }
      case "join":
        {
          StringBuilder sb = new StringBuilder();
          for (Object o : Py.iterate(Methods.arg(args, 0, name))) {
            sb.append(sb.length() > 0 ? s : "").append(str(o, name));
          }
          return sb.toString();
        }
      case "isdigit":
        return !s.isEmpty() && s.codePoints().allMatch(Character::isDigit);
      case "isalpha":
        return !s.isEmpty() && s.codePoints().allMatch(Character::isLetter);
      case "isalnum":
        return !s.isEmpty() && s.codePoints().allMatch(Character::isLetterOrDigit);
      case "isspace":
        return !s.isEmpty() && s.codePoints().allMatch(StrMethods::isSpace);
      case "isupper":
        return s.codePoints().anyMatch(Character::isUpperCase)
            && s.equals(s.toUpperCase(java.util.Locale.ROOT));
      case "islower":
        return s.codePoints().anyMatch(Character::isLowerCase)
            && s.equals(s.toLowerCase(java.util.Locale.ROOT));
      case "splitlines":
        {
          List<@Nullable Object> out = new ArrayList<>();
          for (String line : s.split("\r\n|\n|\r", -1)) {
            out.add(line);
          }
          if (!out.isEmpty() && "".equals(out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
          }
          return out;
        }
      case "removeprefix":
        {
          String p = str(Methods.arg(args, 0, name), name);
          return s.startsWith(p) ? s.substring(p.length()) : s;
        }
      case "removesuffix":
        {
          String p = str(Methods.arg(args, 0, name), name);
          return !p.isEmpty() && s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
        }
      default:
        return pad(s, name, args);
    }
  }

  private static Object pad(String s, String name, List<@Nullable Object> args) {
    int width = (int) Limits.chars(Py.asLong(Methods.arg(args, 0, name)));
    String fill = args.size() > 1 ? str(args.get(1), name) : name.equals("zfill") ? "0" : " ";
    int missing = width - (int) Py.length(s);
    if (missing <= 0) {
      return s;
    }
    switch (name) {
      case "ljust":
        return s + Limits.repeat(fill, missing);
      case "rjust":
      case "zfill":
        return Limits.repeat(fill, missing) + s;
      default:
        {
          int left = missing / 2 + (missing & width & 1);
          return Limits.repeat(fill, left) + s + Limits.repeat(fill, missing - left);
        }
    }
  }

  private static String str(@Nullable Object o, String method) {
    if (!(o instanceof String)) {
      throw JinjaException.type(method + "() argument must be str, not " + Py.typeName(o));
    }
    return (String) o;
  }

  private static @Nullable String chars(List<@Nullable Object> args) {
    return args.isEmpty() || args.get(0) == null ? null : str(args.get(0), "strip");
  }

  static String strip(String s, @Nullable String chars, boolean left, boolean right) {
    int from = 0;
    int to = s.length();
    while (left && from < to && stripped(s.charAt(from), chars)) {
      from++;
    }
    while (right && to > from && stripped(s.charAt(to - 1), chars)) {
      to--;
    }
    return s.substring(from, to);
  }

  private static boolean stripped(char c, @Nullable String chars) {
    return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
  }

  static List<@Nullable Object> split(String s, @Nullable String sep, int maxsplit) {
    List<@Nullable Object> out = new ArrayList<>();
    if (sep == null) {
      int i = 0;
      int n = s.length();
      while (true) {
        while (i < n && isSpace(s.charAt(i))) {
          i++;
        }
        if (i >= n) {
          return out;
        }
        if (maxsplit >= 0 && out.size() == maxsplit) {
          out.add(strip(s.substring(i), null, false, true));
          return out;
        }
        int j = i;
        while (j < n && !isSpace(s.charAt(j))) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      }
    }
    if (sep.isEmpty()) {
      throw new JinjaException(JinjaException.Kind.VALUE, "empty separator");
    }
    int start = 0;
    for (int i = s.indexOf(sep);
        i >= 0 && (maxsplit < 0 || out.size() < maxsplit);
        i = s.indexOf(sep, start)) {
      out.add(s.substring(start, i));
      start = i + sep.length();
    }
    out.add(s.substring(start));
    return out;
  }

  private static List<@Nullable Object> rsplit(String s, @Nullable String sep, int maxsplit) {
    if (maxsplit < 0 || sep == null) {
      return split(s, sep, maxsplit);
    }
    List<@Nullable Object> out = new ArrayList<>();
    int end = s.length();
    for (int i = s.lastIndexOf(sep, end - sep.length());
        i >= 0 && out.size() < maxsplit;
        i = s.lastIndexOf(sep, end - sep.length())) {
      out.add(0, s.substring(i + sep.length(), end));
      end = i;
    }
    out.add(0, s.substring(0, end));
    return out;
  }

  static String replace(String s, String old, String rep, long count) {
    if (count < 0) {
      return s.replace(old, rep);
    }
    StringBuilder sb = new StringBuilder();
    int start = 0;
    for (long done = 0; done < count; done++) {
      int i = s.indexOf(old, start);
      if (i < 0) {
        break;
      }
      sb.append(s, start, i).append(rep);
      start = i + Math.max(old.length(), 0);
      if (old.isEmpty()) {
        if (start < s.length()) {
          sb.append(s.charAt(start));
        }
        start++;
      }
    }
    return start <= s.length() ? sb.append(s.substring(start)).toString() : sb.toString();
  }

  /** Python's {@code str.title()}: upper-case a cased letter after an uncased one. */
  static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean prevCased = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      boolean cased =
          Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
      sb.appendCodePoint(
          cased ? (prevCased ? Character.toLowerCase(c) : Character.toTitleCase(c)) : c);
      prevCased = cased;
    }
    return sb.toString();
  }

  private static String swapcase(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints()
        .forEach(
            c ->
                sb.appendCodePoint(
                    Character.isUpperCase(c)
                        ? Character.toLowerCase(c)
                        : Character.toUpperCase(c)));
    return sb.toString();
  }
}
