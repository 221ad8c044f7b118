package dev.llmkit;

import org.jspecify.annotations.Nullable;

/**
 * The root of every error llmkit raises. Unchecked, like the exceptions of OkHttp and openai-java.
 *
 * <p>Messages name the provider and what went wrong; they never contain an API key, request headers
 * or prompt text. Because parts of a message can come from untrusted bytes (a model file, a
 * server's reply), control characters other than newline and tab, and bidirectional-text controls,
 * are shown as {@code \}{@code uXXXX} escapes, and a message longer than {@value
 * #MAX_MESSAGE_LENGTH} characters is cut (marked {@code …[truncated]}), so printing one cannot move
 * the cursor, clear a terminal or fake output.
 */
public class LlmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest message kept; longer ones are cut. */
  public static final int MAX_MESSAGE_LENGTH = 4_000;

  private final String provider;

  public LlmException(String provider, String message) {
    this(provider, message, null);
  }

  public LlmException(String provider, String message, @Nullable Throwable cause) {
    super(printable(message), cause);
    this.provider = provider;
  }

  static @Nullable String printable(@Nullable String message) {
    return message == null ? null : printableText(message);
  }

  static String printableText(String message) {
    StringBuilder out = null;
    int limit = Math.min(message.length(), MAX_MESSAGE_LENGTH);
    for (int i = 0; i < limit; i++) {
      char c = message.charAt(i);
      boolean control =
          c < 0x20 && c != '\n' && c != '\t'
              || c >= 0x7F && c <= 0x9F
              || c >= 0x202A && c <= 0x202E
              || c >= 0x2066 && c <= 0x2069;
      if (control) {
        if (out == null) {
          out = new StringBuilder(limit + 16).append(message, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    String result = out == null ? message.substring(0, limit) : out.toString();
    if (message.length() > MAX_MESSAGE_LENGTH || result.length() > MAX_MESSAGE_LENGTH) {
      int end = Math.min(result.length(), MAX_MESSAGE_LENGTH - 12);
      if (end > 0 && Character.isHighSurrogate(result.charAt(end - 1))) {
        end--;
      }
      result = result.substring(0, end) + "…[truncated]";
    }
    return result;
  }

  /** The id of the provider that raised this error, e.g. {@code "openai"} or {@code "local"}. */
  public String provider() {
    return provider;
  }

  /** Whether sending the same request again may succeed. */
  public boolean isRetryable() {
    return false;
  }
}
