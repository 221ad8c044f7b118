package dev.llmkit.local.internal.template;

/**
 * The model's own chat template refused the conversation (it called {@code raise_exception}, or
 * failed the way Python would, e.g. "System role not supported"). The message is the template's.
 */
public final class ChatTemplateException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ChatTemplateException(String message) {
    super(message);
  }
}
