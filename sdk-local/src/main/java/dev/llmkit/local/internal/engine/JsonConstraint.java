package dev.llmkit.local.internal.engine;

import dev.llmkit.local.internal.sampling.TokenFilter;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * JSON mode ({@code response_format: json_object}): a {@link TokenFilter} that allows only tokens
 * whose bytes keep the output a valid prefix of one JSON object, and reports when that object is
 * complete so generation can finish.
 *
 * <p>Tokens without text (control tokens such as end-of-sequence, whose bytes are {@code null} or
 * empty) are never allowed: they would end the output before the object is complete, or add
 * nothing. Not thread-safe; one instance per generated sequence.
 */
public final class JsonConstraint implements TokenFilter {
  private final IntFunction<byte @Nullable []> tokenBytes;
  private final JsonAutomaton state = new JsonAutomaton();
  private final JsonAutomaton scratch = new JsonAutomaton();

  /** {@code tokenBytes} gives the UTF-8 bytes a token adds to the output, or null for none. */
  public JsonConstraint(IntFunction<byte @Nullable []> tokenBytes) {
    this.tokenBytes = tokenBytes;
  }

  @Override
  public boolean allows(int tokenId) {
    byte[] bytes = tokenBytes.apply(tokenId);
    if (bytes == null || bytes.length == 0 || state.isComplete()) {
      return false;
    }
    scratch.copyFrom(state);
    return scratch.accept(bytes);
  }

  /** Advances past a token that {@link #allows} accepted. */
  public void accept(int tokenId) {
    byte[] bytes = tokenBytes.apply(tokenId);
    if (bytes == null || !state.accept(bytes)) {
      throw new IllegalStateException("token " + tokenId + " does not continue valid JSON");
    }
  }

  /** Bytes still needed, at least, to complete the object. */
  public int closingLength() {
    return state.closing().length;
  }

  /**
   * This constraint for a token that may be followed by at most {@code budget - 1} more: a token
   * is allowed only if the object can still be completed afterwards, one byte per token at worst
   * ({@link JsonAutomaton#closing()}). So output cut by the token limit still parses: near the
   * limit only tokens that close the object remain.
   */
  public TokenFilter within(int budget) {
    return id -> {
      if (!allows(id)) {
        return false;
      }
      return scratch.isComplete() || scratch.closing().length <= budget - 1;
    };
  }

  /** Whether the top-level object has been closed. */
  public boolean isComplete() {
    return state.isComplete();
  }
}
