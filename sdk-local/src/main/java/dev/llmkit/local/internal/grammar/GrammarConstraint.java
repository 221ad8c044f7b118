package dev.llmkit.local.internal.grammar;

import dev.llmkit.local.internal.sampling.TokenFilter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Constrains one generated sequence to a grammar: a {@link TokenFilter} for the sampler, advanced
 * with {@link #accept} after each token. End-of-generation tokens are allowed only where the output
 * may end. With a trigger (tool choice "auto"), output is free until the trigger text (e.g. {@code
 * <tool_call>}) appears; from the trigger on, it follows the grammar, which then starts with the
 * trigger.
 *
 * <p>The sampler asks first about the token it would pick anyway; that is checked by walking its
 * bytes. Only when that token is refused is the whole mask computed ({@link TokenMasks}). Not
 * thread-safe; one instance per sequence.
 */
public final class GrammarConstraint implements TokenFilter {
  /** Slack (tokens left minus bytes still needed) below which tokens are checked for room. */
  static final int CLOSING_WINDOW = 48;

  /** The widest the window gets, for grammars whose values are long. */
  static final int MAX_CLOSING_WINDOW = 1024;

  private final TokenMasks masks;
  private final IntPredicate endOfGeneration;
  private final byte @Nullable [] trigger;
  private final boolean triggerAtStart;
  private final ByteArrayOutputStream before = new ByteArrayOutputStream();
  private boolean active;
  private boolean triggerDead;
  private Grammar.State state;
  private long @Nullable [] mask;
  private int checks;

  /**
   * @param trigger null: constrained from the first token; else free until this text appears
   * @param triggerAtStart the trigger counts only when nothing but whitespace precedes it
   */
  public GrammarConstraint(
      TokenMasks masks,
      IntPredicate endOfGeneration,
      @Nullable String trigger,
      boolean triggerAtStart) {
    this.masks = masks;
    this.endOfGeneration = endOfGeneration;
    this.trigger = trigger == null ? null : trigger.getBytes(StandardCharsets.UTF_8);
    this.triggerAtStart = triggerAtStart;
    this.active = trigger == null;
    this.state = masks.grammar.start();
  }

  /** Whether the output is being constrained (always, unless waiting for a trigger). */
  public boolean isActive() {
    return active;
  }

  /** Whether the output is complete: nothing may follow, generation should stop. */
  public boolean isComplete() {
    return active && state.complete();
  }

  @Override
  public boolean allows(int id) {
    if (endOfGeneration.test(id)) {
      return !active || state.accepted();
    }
    byte[] bytes = masks.trie.tokenBytes[id];
    if (!active) {
      return bytes == null || triggered(bytes) == null || afterTrigger(bytes) != null;
    }
    if (bytes == null) {
      return false;
    }
    long[] m = mask;
    if (m == null && ++checks > 1) {
      m = mask = masks.mask(state);
    }
    if (m != null) {
      return (m[id >>> 6] & (1L << id)) != 0;
    }
    return state.walk(bytes, 0) != null;
  }

  /**
   * This filter for a token that may be followed by at most {@code budget - 1} more. Once the
   * tokens left come within a window of the bytes the output still needs ({@value #CLOSING_WINDOW},
   * or the shortest value of the grammar's largest node plus 8 if that is more, at most {@value
   * #MAX_CLOSING_WINDOW}: one token may open such a value), a token is allowed only if the output
   * can be completed afterwards, counting one byte per token at worst; so output cut by the token
   * limit still parses where possible. Best effort: a token that opens a large required structure
   * before the window can still leave too little room, and the reply then ends with finish reason
   * "length".
   */
  public TokenFilter within(int budget) {
    if (!active) {
      return this;
    }
    int room = budget - 1;
    int remaining = state.remaining();
    // far off, or hopeless
    if (room - remaining >= masks.grammar.closingWindow || remaining > budget) {
      return this;
    }
    return id -> {
      if (!allows(id)) {
        return false;
      }
      byte[] bytes = masks.trie.tokenBytes[id];
      if (bytes == null) {
        return true;
      }
      Grammar.State next = state.walk(bytes, 0);
      return next != null && next.remaining() <= room;
    };
  }

  /** The fewest bytes that complete the output (tests). */
  int remaining() {
    return state.remaining();
  }

  /** Advances past token {@code id}, which {@link #allows} accepted. */
  public void accept(int id) {
    mask = null;
    checks = 0;
    if (endOfGeneration.test(id)) {
      return;
    }
    byte[] bytes = masks.trie.tokenBytes[id];
    if (!active) {
      if (bytes != null) {
        Grammar.State after = triggered(bytes) != null ? afterTrigger(bytes) : null;
        before.writeBytes(bytes);
        if (after != null) {
          state = after;
          active = true;
        } else if (triggerAtStart && !blank(before.toByteArray())) {
          triggerDead = true;
        }
      }
      return;
    }
    Grammar.State next = bytes == null ? null : state.walk(bytes, 0);
    if (next == null) {
      throw new IllegalStateException("token " + id + " does not continue the constrained output");
    }
    state = next;
  }

  /** The bytes from the trigger on, if {@code bytes} completes the trigger. */
  private byte @Nullable [] triggered(byte[] bytes) {
    byte[] t = trigger;
    if (t == null || triggerDead) {
      return null;
    }
    byte[] seen = before.toByteArray();
    int keep = Math.min(seen.length, t.length - 1);
    byte[] tail = new byte[keep + bytes.length];
    System.arraycopy(seen, seen.length - keep, tail, 0, keep);
    System.arraycopy(bytes, 0, tail, keep, bytes.length);
    int at = indexOf(tail, t);
    if (at < 0 || at + t.length <= keep) {
      return null;
    }
    if (triggerAtStart) {
      byte[] prefix = new byte[seen.length - keep + at];
      System.arraycopy(seen, 0, prefix, 0, seen.length - keep);
      System.arraycopy(tail, 0, prefix, seen.length - keep, at);
      if (!blank(prefix)) {
        return null;
      }
    }
    byte[] from = new byte[tail.length - at];
    System.arraycopy(tail, at, from, 0, from.length);
    return from;
  }

  private Grammar.@Nullable State afterTrigger(byte[] bytes) {
    byte[] from = triggered(bytes);
    return from == null ? null : masks.grammar.start().walk(from, 0);
  }

  private static boolean blank(byte[] b) {
    for (byte x : b) {
      if (!Ctx.whitespace(x)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
