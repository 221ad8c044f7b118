package dev.llmkit.completion;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Log probabilities of a text completion's tokens, as parallel lists by token position. Immutable.
 */
public final class CompletionLogprobs {
  private final List<String> tokens;
  private final List<@Nullable Double> tokenLogprobs;
  private final List<@Nullable Map<String, Double>> topLogprobs;
  private final List<Integer> textOffset;
  private final Map<String, Object> extra;

  private CompletionLogprobs(Builder b) {
    this.tokens = Immutables.list(b.tokens, "tokens");
    this.tokenLogprobs = Immutables.nullableList(b.tokenLogprobs, "tokenLogprobs");
    this.topLogprobs = Immutables.nullableList(b.topLogprobs, "topLogprobs");
    this.textOffset = Immutables.list(b.textOffset, "textOffset");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The tokens, in order. */
  public List<String> tokens() {
    return tokens;
  }

  /**
   * The log probability of each token ({@code token_logprobs}); null where the provider sent none,
   * e.g. the first echoed prompt token.
   */
  public List<@Nullable Double> tokenLogprobs() {
    return tokenLogprobs;
  }

  /**
   * Per position, the most likely tokens and their log probabilities ({@code top_logprobs}); null
   * entries as sent.
   */
  public List<@Nullable Map<String, Double>> topLogprobs() {
    return topLogprobs;
  }

  /** Per token, its character offset in the text ({@code text_offset}). */
  public List<Integer> textOffset() {
    return textOffset;
  }

  /** Provider fields this type does not model, by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(tokens, tokenLogprobs, topLogprobs, textOffset, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CompletionLogprobs && state().equals(((CompletionLogprobs) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "CompletionLogprobs{" + "tokens=" + tokens.size() + "}";
  }

  /** Builds a {@link CompletionLogprobs}. */
  public static final class Builder {
    private List<? extends String> tokens = List.of();
    private List<? extends @Nullable Double> tokenLogprobs = List.of();
    private List<? extends @Nullable Map<String, Double>> topLogprobs = List.of();
    private List<? extends Integer> textOffset = List.of();
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(CompletionLogprobs v) {
      tokens = v.tokens;
      tokenLogprobs = v.tokenLogprobs;
      topLogprobs = v.topLogprobs;
      textOffset = v.textOffset;
      extra = v.extra;
    }

    public Builder tokens(List<? extends String> tokens) {
      this.tokens = Checks.notNull(tokens, "tokens");
      return this;
    }

    public Builder tokenLogprobs(List<? extends @Nullable Double> tokenLogprobs) {
      this.tokenLogprobs = Checks.notNull(tokenLogprobs, "tokenLogprobs");
      return this;
    }

    public Builder topLogprobs(List<? extends @Nullable Map<String, Double>> topLogprobs) {
      this.topLogprobs = Checks.notNull(topLogprobs, "topLogprobs");
      return this;
    }

    public Builder textOffset(List<? extends Integer> textOffset) {
      this.textOffset = Checks.notNull(textOffset, "textOffset");
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public CompletionLogprobs build() {
      return new CompletionLogprobs(this);
    }
  }
}
