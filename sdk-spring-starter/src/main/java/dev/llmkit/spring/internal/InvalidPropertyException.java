package dev.llmkit.spring.internal;

import org.jspecify.annotations.Nullable;

/**
 * Start-up failure: an {@code llmkit.*} property has a value the client cannot use, e.g. {@code
 * llmkit.openai.max-retries=500} or a {@code llmkit.local.model} file that does not exist. {@link
 * InvalidPropertyFailureAnalyzer} turns it into Spring Boot's "APPLICATION FAILED TO START" report.
 * The message is the {@link #description()} alone.
 */
public final class InvalidPropertyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String description;
  private final String action;

  public InvalidPropertyException(String description, String action) {
    this(description, action, null);
  }

  public InvalidPropertyException(String description, String action, @Nullable Throwable cause) {
    super(description, cause);
    this.description = description;
    this.action = action;
  }

  /** What is wrong, naming the property and its value. */
  public String description() {
    return description;
  }

  /** What to set instead. */
  public String action() {
    return action;
  }
}
