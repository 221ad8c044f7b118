package dev.llmkit.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Removes credentials from text that ends up in exception messages and logs. */
public final class Redaction {
  /** OpenAI-style secret keys ({@code sk-…}, {@code sk-proj-…}) and bearer tokens. */
  private static final Pattern SECRET_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_\\-*]{4,}");

  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=\\-*]+");

  private Redaction() {}

  /** Returns {@code text} with anything that looks like an API key replaced by {@code ***}. */
  public static String redact(String text) {
    String result = SECRET_KEY.matcher(text).replaceAll("sk-***");
    return BEARER.matcher(result).replaceAll("$1***");
  }

  /** Like {@link #redact(String)}, and also removes every occurrence of a known secret. */
  public static String redact(String text, @Nullable String secret) {
    String result = text;
    if (secret != null && secret.length() >= 4) {
      result = result.replace(secret, "***");
    }
    return redact(result);
  }

  /** Truncates {@code text} to at most {@code maxChars} characters, marking the cut. */
  public static String truncate(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    String marker = "…[truncated]";
    int end = Math.max(0, maxChars - marker.length());
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + marker;
  }
}
