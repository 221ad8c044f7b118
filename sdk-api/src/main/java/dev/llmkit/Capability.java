package dev.llmkit;

/** What a provider can do; one constant per accessor of {@link LlmClient}. */
public enum Capability {
  CHAT("chat"),
  COMPLETIONS("completions"),
  EMBEDDINGS("embeddings"),
  FILES("files"),
  FINE_TUNING("fine-tuning"),
  MODERATION("moderation"),
  MODELS("models");

  private final String id;

  Capability(String id) {
    this.id = id;
  }

  /** The lower-case name used in messages and configuration. */
  public String id() {
    return id;
  }
}
