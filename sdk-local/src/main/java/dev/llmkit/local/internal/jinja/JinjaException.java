package dev.llmkit.local.internal.jinja;

/**
 * An error while parsing or rendering a template. {@link #kind()} says whose fault it is: the
 * template raised it on purpose ({@link Kind#RAISED}, from {@code raise_exception}), Python would
 * have raised it as well ({@link Kind#TYPE}, {@link Kind#UNDEFINED}, {@link Kind#VALUE}), or this
 * engine cannot execute the template ({@link Kind#SYNTAX}, {@link Kind#UNSUPPORTED}).
 */
public final class JinjaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The error classes, named as jinja2 and Python name them. */
  public enum Kind {
    RAISED("TemplateError"),
    TYPE("TypeError"),
    UNDEFINED("UndefinedError"),
    VALUE("ValueError"),
    SYNTAX("TemplateSyntaxError"),
    UNSUPPORTED("UnsupportedFeature");

    private final String pythonName;

    Kind(String pythonName) {
      this.pythonName = pythonName;
    }

    public String pythonName() {
      return pythonName;
    }
  }

  private final Kind kind;
  private final String detail;

  public JinjaException(Kind kind, String detail) {
    super(kind.pythonName() + ": " + detail);
    this.kind = kind;
    this.detail = detail;
  }

  public Kind kind() {
    return kind;
  }

  /** The message without the error class, e.g. "System role not supported". */
  public String detail() {
    return detail;
  }

  /** Whether the engine, not the template, is at fault: the template cannot run here. */
  public boolean engineLimitation() {
    return kind == Kind.SYNTAX || kind == Kind.UNSUPPORTED;
  }

  static JinjaException syntax(String detail, int line) {
    return new JinjaException(Kind.SYNTAX, detail + " (line " + line + ")");
  }

  static JinjaException type(String detail) {
    return new JinjaException(Kind.TYPE, detail);
  }

  static JinjaException unsupported(String detail) {
    return new JinjaException(Kind.UNSUPPORTED, detail);
  }
}
