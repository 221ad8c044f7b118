package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The log probability of one generated token, with the most likely alternatives at that position
 * when requested. Immutable.
 */
public final class TokenLogprob {
  private final String token;
  private final double logprob;
  private final List<Integer> bytes;
  private final List<TokenLogprob> topLogprobs;
  private final Map<String, Object> extra;

  private TokenLogprob(Builder b) {
    this.token = Checks.notNull(b.token, "token");
    this.logprob = b.logprob;
    this.bytes = Immutables.list(b.bytes, "bytes");
    this.topLogprobs = Immutables.list(b.topLogprobs, "topLogprobs");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The token as text. */
  public String token() {
    return token;
  }

  /** Its log probability; {@code -9999.0} when very unlikely. */
  public double logprob() {
    return logprob;
  }

  /** The token's UTF-8 bytes (a token may hold part of a character); empty when not sent. */
  public List<Integer> bytes() {
    return bytes;
  }

  /** The most likely tokens at this position, each without its own alternatives. */
  public List<TokenLogprob> topLogprobs() {
    return topLogprobs;
  }

  /** Provider fields this type does not model, by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(token, logprob, bytes, topLogprobs, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TokenLogprob && state().equals(((TokenLogprob) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "TokenLogprob{" + "logprob=" + logprob + ", topLogprobs=" + topLogprobs.size() + "}";
  }

  /** Builds a {@link TokenLogprob}. */
  public static final class Builder {
    private @Nullable String token;
    private double logprob;
    private List<? extends Integer> bytes = List.of();
    private List<? extends TokenLogprob> topLogprobs = List.of();
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(TokenLogprob v) {
      token = v.token;
      logprob = v.logprob;
      bytes = v.bytes;
      topLogprobs = v.topLogprobs;
      extra = v.extra;
    }

    public Builder token(String token) {
      this.token = Checks.notNull(token, "token");
      return this;
    }

    public Builder logprob(double logprob) {
      this.logprob = logprob;
      return this;
    }

    public Builder bytes(List<? extends Integer> bytes) {
      this.bytes = Checks.notNull(bytes, "bytes");
      return this;
    }

    public Builder topLogprobs(List<? extends TokenLogprob> topLogprobs) {
      this.topLogprobs = Checks.notNull(topLogprobs, "topLogprobs");
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public TokenLogprob build() {
      return new TokenLogprob(this);
    }
  }
}
