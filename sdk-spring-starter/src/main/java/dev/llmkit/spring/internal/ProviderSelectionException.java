package dev.llmkit.spring.internal;

/**
 * Start-up failure: the llmkit provider cannot be chosen or lacks a required setting. {@link
 * ProviderSelectionFailureAnalyzer} turns it into Spring Boot's "APPLICATION FAILED TO START"
 * report, with {@link #action()} as the advice.
 */
public final class ProviderSelectionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String description;
  private final String action;

  public ProviderSelectionException(String description, String action) {
    super(description + " " + action);
    this.description = description;
    this.action = action;
  }

  /** What is wrong, naming the properties involved. */
  public String description() {
    return description;
  }

  /** What to set to fix it. */
  public String action() {
    return action;
  }
}
