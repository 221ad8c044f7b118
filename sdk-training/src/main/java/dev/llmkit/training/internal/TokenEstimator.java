package dev.llmkit.training.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.llmkit.training.TokenEncoding;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts tokens with jtokkit and adds OpenAI's chat framing, as in OpenAI's cookbook ({@code
 * num_tokens_from_messages}): each message costs 3 tokens plus its role and content, a {@code name}
 * 1 more, and each example 3 for the assistant reply priming. Special-token text such as {@code
 * <|endoftext|>} is counted as ordinary text. Not thread-safe: one per validation.
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

  /** Longest text counted in one call of the encoder. */
  static final int MAX_CHUNK_CHARS = 8_192;

  /** How far back from a chunk's end a whitespace cut is looked for. */
  private static final int CUT_SEARCH = 512;

  private final Encoding encoding;
  private final Map<String, Integer> cache = new HashMap<>();

  public TokenEstimator(TokenEncoding encoding) {
    this.encoding =
        REGISTRY.getEncoding(
            encoding == TokenEncoding.CL100K_BASE
                ? EncodingType.CL100K_BASE
                : EncodingType.O200K_BASE);
  }

  /** Tokens of {@code text} without any framing. */
  public int count(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    if (text.length() > MAX_CHUNK_CHARS) {
      return countInChunks(text);
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

  private int countInChunks(String text) {
    int total = 0;
    int from = 0;
    while (from < text.length()) {
      int end = Math.min(text.length(), from + MAX_CHUNK_CHARS);
      if (end < text.length()) {
        int cut = end;
        while (cut > end - CUT_SEARCH && !Character.isWhitespace(text.charAt(cut))) {
          cut--;
        }
        if (cut > end - CUT_SEARCH) {
          end = cut; // the whitespace starts the next chunk, as it starts the next word
        } else if (Character.isLowSurrogate(text.charAt(end))) {
          end--; // never split a surrogate pair
        }
      }
      total += encoding.countTokensOrdinary(text.substring(from, end));
      from = end;
    }
    return total;
  }
}
