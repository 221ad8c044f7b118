package dev.llmkit.local.internal.service;

import dev.llmkit.local.internal.grammar.ToolGrammar;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one choice's generated text as it grows and tells, piece by piece, what it is: content, the
 * start of a tool call (its name known), or a fragment of a call's arguments. The text follows the
 * template's {@link ToolGrammar.Syntax} once a call opens (constrained decoding guarantees it), so
 * a call's name is known as soon as it is written and its arguments are passed on as they are
 * generated, the way OpenAI streams them. Content keeps {@link String#strip} semantics: leading and
 * trailing whitespace is never sent. Text that leaves the syntax (not expected under the
 * constraint) is passed on as content. With the Llama syntax, a reply may also open with calls
 * written as Python ({@link PythonCalls}): the list form {@code [f(a=1), g()]} or a built-in tool's
 * {@code <|python_tag|>tool.call(q="x")} (the tag may be hidden as a control token); each such call
 * is passed on whole, name and JSON arguments, as soon as its closing parenthesis is written. Not
 * thread-safe; one per choice.
 */
final class ToolStream {
  /** What a piece of text turned out to be. */
  record Piece(Kind kind, int call, String text) {}

  enum Kind {
    CONTENT,
    CALL_START,
    ARGUMENTS
  }

  private enum Mode {
    CONTENT,
    HEAD,
    NAME,
    MIDDLE,
    ARGS,
    SUFFIX,
    BETWEEN,
    FREE,
    PY_LIST,
    PY_CALL
  }

  private static final String PYTHON_TAG = "<|python_tag|>";
  private static final Pattern PY_WAIT = Pattern.compile("[A-Za-z_]\\w*(\\.(c(a(l(l)?)?)?)?)?");
  private static final Pattern PY_BUILTIN =
      Pattern.compile("[A-Za-z_]\\w*\\.call\\(.*", Pattern.DOTALL);

  private final ToolGrammar.Syntax syntax;
  private final boolean python;
  private final String head;
  private final StringBuilder pending = new StringBuilder();
  private final StringBuilder heldSpace = new StringBuilder();
  private final StringBuilder name = new StringBuilder();
  private Mode mode = Mode.CONTENT;
  private boolean contentSent;
  private boolean textSeen;
  private int started;
  private int completed;
  private int depth;
  private boolean inString;
  private boolean escaped;
  private boolean tagged;
  private int pyCalls;
  private int pyEnd;
  private boolean pyOpen;

  ToolStream(ToolGrammar.Syntax syntax) {
    this.syntax = syntax;
    this.python = syntax.equals(ToolGrammar.Syntax.LLAMA_JSON);
    this.head = syntax.open() + syntax.prefix();
  }

  /** Calls whose arguments and closing syntax are complete. */
  int completedCalls() {
    return completed;
  }

  /** Whether a call was opened and not finished (generation stopped inside it). */
  boolean insideCall() {
    return started > completed || pyOpen;
  }

  /** The pieces {@code text}, appended to the choice's text, makes known. */
  List<Piece> push(String text) {
    pending.append(text);
    List<Piece> out = new ArrayList<>();
    while (pending.length() > 0 && step(out)) {
      // each step consumes text or waits for more
    }
    return out;
  }

  /** The pieces held back until the end (a partial trigger in content). */
  List<Piece> finish() {
    List<Piece> out = new ArrayList<>();
    if (mode == Mode.CONTENT || mode == Mode.FREE) {
      content(pending.toString(), out);
      pending.setLength(0);
    } else if (mode == Mode.PY_LIST || mode == Mode.PY_CALL) {
      // generation stopped inside the Python form: what follows the last whole call is text
      String rest = pending.substring(Math.min(pyEnd, pending.length()));
      pyOpen = !rest.isBlank();
      content(rest, out);
      pending.setLength(0);
    }
    return out;
  }

  /** Consumes what it can of {@link #pending}; false when it needs more text. */
  private boolean step(List<Piece> out) {
    switch (mode) {
      case CONTENT:
        return content(out);
      case HEAD:
        return literal(head, Mode.NAME);
      case NAME:
        int quote = pending.indexOf("\"");
        if (quote < 0) {
          name.append(pending);
          pending.setLength(0);
          return false;
        }
        name.append(pending, 0, quote);
        pending.delete(0, quote);
        out.add(new Piece(Kind.CALL_START, started++, name.toString()));
        name.setLength(0);
        mode = Mode.MIDDLE;
        return true;
      case MIDDLE:
        return literal(syntax.middle(), Mode.ARGS);
      case ARGS:
        return arguments(out);
      case SUFFIX:
        return literal(syntax.suffix(), Mode.BETWEEN);
      case BETWEEN:
        String next = syntax.separator() + syntax.prefix();
        if (!syntax.close().isEmpty() && startsOrIsPrefix(syntax.close())) {
          return literal(syntax.close(), Mode.FREE);
        }
        return literal(next, Mode.NAME);
      case PY_LIST:
      case PY_CALL:
        return python(out);
      default: // FREE
        content(pending.toString(), out);
        pending.setLength(0);
        return false;
    }
  }

  private boolean content(List<Piece> out) {
    String text = pending.toString();
    String trigger = syntax.trigger();
    int at = text.indexOf(trigger);
    if (python && !textSeen) {
      Boolean decided = pythonStart();
      if (decided != null) {
        return decided;
      }
      text = pending.toString();
    }
    if (syntax.triggerAtStart()) {
      String lead = text.stripLeading();
      if (textSeen || (!lead.isEmpty() && !lead.startsWith(trigger) && !trigger.startsWith(lead))) {
        mode = Mode.FREE;
        return true;
      }
      if (lead.isEmpty() || !lead.startsWith(trigger)) {
        return false;
      }
      at = text.length() - lead.length();
    }
    if (at >= 0) {
      content(text.substring(0, at), out);
      pending.delete(0, at);
      mode = Mode.HEAD;
      return true;
    }
    int keep = 0; // the longest end of the text that may begin the trigger
    for (int k = Math.min(trigger.length() - 1, text.length()); k > 0; k--) {
      if (text.endsWith(trigger.substring(0, k))) {
        keep = k;
        break;
      }
    }
    content(text.substring(0, text.length() - keep), out);
    pending.delete(0, text.length() - keep);
    return false;
  }

  /**
   * At the start of a Llama reply: whether a Python call form opens ({@code [f(...)]}, or {@code
   * <|python_tag|>} / a bare {@code tool.call(} for built-in tools). True: switched to it; false:
   * needs more text to tell; null: not Python (a JSON call or content).
   */
  private @Nullable Boolean pythonStart() {
    String lead = pending.toString().stripLeading();
    int at = pending.length() - lead.length();
    if (tagged) {
      if (lead.isEmpty()) {
        return false;
      }
      tagged = false;
      if (lead.startsWith("{")) {
        return null; // a JSON call after the tag
      }
      return python(Mode.PY_CALL, at);
    }
    if (lead.startsWith(PYTHON_TAG)) {
      pending.delete(0, at + PYTHON_TAG.length());
      tagged = true;
      return true;
    }
    if (!lead.isEmpty() && PYTHON_TAG.startsWith(lead)) {
      return false;
    }
    if (lead.startsWith("[")) {
      String inner = lead.substring(1).stripLeading();
      if (inner.isEmpty()) {
        return false;
      }
      char c = inner.charAt(0);
      return Character.isLetter(c) || c == '_' ? python(Mode.PY_LIST, at) : null;
    }
    if (PY_BUILTIN.matcher(lead).matches()) {
      return python(Mode.PY_CALL, at);
    }
    return !lead.isEmpty() && PY_WAIT.matcher(lead).matches() ? false : null;
  }

  private boolean python(Mode to, int at) {
    pending.delete(0, at);
    mode = to;
    pyCalls = 0;
    pyEnd = 0;
    textSeen = true;
    return true;
  }

  /** Reads the Python form so far and passes on each call as soon as it is complete. */
  private boolean python(List<Piece> out) {
    PythonCalls.Result r =
        mode == Mode.PY_LIST
            ? PythonCalls.list(pending.toString())
            : PythonCalls.single(pending.toString());
    for (int i = pyCalls; i < r.calls().size(); i++) {
      out.add(new Piece(Kind.CALL_START, started++, r.calls().get(i).name()));
      out.add(new Piece(Kind.ARGUMENTS, started - 1, r.calls().get(i).arguments()));
      completed++;
    }
    pyCalls = r.calls().size();
    pyEnd = r.end();
    if (r.status() == PythonCalls.Status.MORE) {
      return false;
    }
    pending.delete(0, r.end()); // DONE: any text after the form, BAD: the rest, is content
    mode = Mode.FREE;
    return true;
  }

  /** Sends content, dropping leading whitespace and holding trailing whitespace back. */
  private void content(String text, List<Piece> out) {
    if (!text.isEmpty()) {
      textSeen |= !text.isBlank();
    }
    String s = heldSpace + text;
    heldSpace.setLength(0);
    if (!contentSent) {
      s = s.stripLeading();
    }
    String body = s.stripTrailing();
    heldSpace.append(s, body.length(), s.length());
    if (!body.isEmpty()) {
      out.add(new Piece(Kind.CONTENT, -1, body));
      contentSent = true;
    }
  }

  private boolean startsOrIsPrefix(String literal) {
    int n = Math.min(literal.length(), pending.length());
    return pending.substring(0, n).equals(literal.substring(0, n));
  }

  /** Consumes {@code literal} and moves to {@code then}; leaves the syntax if the text differs. */
  private boolean literal(String literal, Mode then) {
    if (!startsOrIsPrefix(literal)) {
      mode = Mode.FREE;
      return true;
    }
    if (pending.length() < literal.length()) {
      return false;
    }
    pending.delete(0, literal.length());
    mode = then;
    if (then == Mode.ARGS) {
      depth = 0;
      inString = false;
      escaped = false;
    }
    if (then == Mode.BETWEEN || then == Mode.FREE) {
      completed = then == Mode.BETWEEN ? completed + 1 : completed;
    }
    return true;
  }

  /** Passes argument text on up to the end of the arguments object. */
  private boolean arguments(List<Piece> out) {
    int end = -1;
    for (int i = 0; i < pending.length() && end < 0; i++) {
      char c = pending.charAt(i);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        end = i + 1;
      }
    }
    int n = end < 0 ? pending.length() : end;
    out.add(new Piece(Kind.ARGUMENTS, started - 1, pending.substring(0, n)));
    pending.delete(0, n);
    if (end >= 0) {
      mode = Mode.SUFFIX;
      return true;
    }
    return false;
  }

  /** Merges adjacent pieces of the same kind and call (fewer, larger deltas). */
  static List<Piece> merged(List<Piece> pieces) {
    List<Piece> out = new ArrayList<>();
    for (Piece p : pieces) {
      @Nullable Piece last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null
          && p.kind() != Kind.CALL_START
          && last.kind() == p.kind()
          && last.call() == p.call()) {
        out.set(out.size() - 1, new Piece(p.kind(), p.call(), last.text() + p.text()));
      } else {
        out.add(p);
      }
    }
    return out;
  }
}
