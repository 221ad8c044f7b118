package dev.llmkit.training;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem found in a training file: where ({@link #line()}, counted from 1; 0 for the file as a
 * whole), how serious, a stable machine-readable {@link #code()} and a message for people. Messages
 * name keys and positions, never the example's text. Immutable.
 */
public final class ValidationIssue {
  /** The line is not valid JSON. */
  public static final String INVALID_JSON = "invalid_json";

  /** The line is JSON but not an object. */
  public static final String NOT_AN_OBJECT = "not_an_object";

  /** A required key is absent. */
  public static final String MISSING_KEY = "missing_key";

  /** A value has the wrong JSON type. */
  public static final String WRONG_TYPE = "wrong_type";

  /** A message role outside system/developer/user/assistant/tool (and the legacy function). */
  public static final String UNKNOWN_ROLE = "unknown_role";

  /** A chat example without an assistant message to learn from. */
  public static final String NO_ASSISTANT_MESSAGE = "no_assistant_message";

  /** A message or completion whose content is empty. */
  public static final String EMPTY_CONTENT = "empty_content";

  /** {@code weight} other than 0 or 1, or on a message that is not the assistant's. */
  public static final String INVALID_WEIGHT = "invalid_weight";

  /** {@code tools}, {@code functions}, {@code tool_calls} or {@code function_call} malformed. */
  public static final String INVALID_TOOLS = "invalid_tools";

  /** A preference (DPO) example with a malformed output. */
  public static final String INVALID_PREFERENCE = "invalid_preference";

  /** The line's format differs from the file's (set by its first example). */
  public static final String MIXED_FORMATS = "mixed_formats";

  /** A key this validator does not know; providers may reject it. */
  public static final String UNKNOWN_KEY = "unknown_key";

  /** An example identical to an earlier one. */
  public static final String DUPLICATE = "duplicate";

  /** An example longer than the warning threshold. */
  public static final String LONG_EXAMPLE = "long_example";

  /** An example above the maximum tokens per example. */
  public static final String TOO_MANY_TOKENS = "too_many_tokens";

  /** Fewer examples than the provider's minimum. */
  public static final String TOO_FEW_EXAMPLES = "too_few_examples";

  /** An empty line between examples. */
  public static final String BLANK_LINE = "blank_line";

  /** A line longer than {@link ValidationOptions#maxLineChars()}; it is skipped unread. */
  public static final String LINE_TOO_LONG = "line_too_long";

  /** The file is not UTF-8. */
  public static final String INVALID_ENCODING = "invalid_encoding";

  private final long line;
  private final Severity severity;
  private final String code;
  private final String message;

  private ValidationIssue(long line, Severity severity, String code, String message) {
    if (line < 0) {
      throw new IllegalArgumentException("line is " + line + "; it must be 0 or more");
    }
    this.line = line;
    this.severity = Objects.requireNonNull(severity, "severity == null");
    this.code = Objects.requireNonNull(code, "code == null");
    this.message = Objects.requireNonNull(message, "message == null");
  }

  /** Returns an issue at {@code line} (0: the whole file). */
  public static ValidationIssue of(long line, Severity severity, String code, String message) {
    return new ValidationIssue(line, severity, code, message);
  }

  /** The 1-based line number, or 0 for an issue about the whole file. */
  public long line() {
    return line;
  }

  public Severity severity() {
    return severity;
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** One of the constants of this class. */
  public String code() {
    return code;
  }

  public String message() {
    return message;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ValidationIssue i
        && line == i.line
        && severity == i.severity
        && code.equals(i.code)
        && message.equals(i.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(line, severity, code, message);
  }

  /** {@code line 12: ERROR unknown_role: ...}. */
  @Override
  public String toString() {
    return (line == 0 ? "file" : "line " + line) + ": " + severity + " " + code + ": " + message;
  }
}
