package dev.llmkit.local.internal.grammar;

/**
 * A schema the constraint cannot honour: invalid, using an unsupported keyword, or over a limit.
 * {@link #path} is the JSON pointer of the offending keyword inside the schema (e.g. {@code
 * #/properties/age/minimum}).
 */
public final class SchemaException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final String reason;

  public SchemaException(String path, String message) {
    super(path + ": " + message);
    this.path = path;
    this.reason = message;
  }

  /** The message without the path. */
  public String reason() {
    return reason;
  }

  public String path() {
    return path;
  }
}
