package dev.llmkit.training.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.llmkit.training.TokenEncoding;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts tokens with jtokkit and adds OpenAI's chat framing, as in OpenAI's cookbook
 * ({@code num_tokens_from_messages}): each message costs 3 tokens plus its role and content, a
 * {@code name} 1 more, and each example 3 for the assistant reply priming. Special-token text
 * such as {@code <|endoftext|>} is counted as ordinary text. Not thread-safe: one per validation.
 */
public final class TokenEstimator {
  /** {@code <|start|>{role}\n ... <|end|>} framing per message. */
  public static final int TOKENS_PER_MESSAGE = 3;
  /** Extra cost of a {@code name} field. */
  public static final int TOKENS_PER_NAME = 1;
  /** Reply priming per example ({@code <|start|>assistant<|message|>}). */
  public static final int TOKENS_PER_EXAMPLE = 3;

  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  /** Short texts (roles, system prompts) repeat across examples; their counts are cached. */
  private static final int CACHED_MAX_CHARS = 512;
  private static final int CACHE_ENTRIES = 8_192;

  private final Encoding encoding;
  private final Map<String, Integer> cache = new HashMap<>();

  public TokenEstimator(TokenEncoding encoding) {
    this.encoding = REGISTRY.getEncoding(encoding == TokenEncoding.CL100K_BASE
        ? EncodingType.CL100K_BASE : EncodingType.O200K_BASE);
  }

  /** Tokens of {@code text} without any framing. */
  public int count(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    if (text.length() > CACHED_MAX_CHARS) {
      return encoding.countTokensOrdinary(text);
    }
    Integer cached = cache.get(text);
    if (cached != null) {
      return cached;
    }
    if (cache.size() >= CACHE_ENTRIES) {
      cache.clear(); // bounded: at most CACHE_ENTRIES * CACHED_MAX_CHARS chars
    }
    int n = encoding.countTokensOrdinary(text);
    cache.put(text, n);
    return n;
  }
}
