package dev.llmkit.completion;

import dev.llmkit.common.GenerationRequest;
import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import dev.llmkit.internal.RequestChecks;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A legacy text completion request ({@code /v1/completions}). Immutable; build with {@link
 * #builder()}.
 *
 * <p>The prompt is either text ({@link #prompt()}: one or more strings, one completion each) or
 * token ids ({@link #promptTokens()}: one or more token arrays), never both. The options chat
 * shares (model, sampling, stop, penalties, seed, …) are those of {@link GenerationRequest}; here
 * {@code n} is at most 128 and {@code maxTokens} may be 0. Nullable options mean "the provider's
 * default". {@link Builder#build()} checks ranges and throws {@link IllegalArgumentException}
 * saying what is wrong and what is allowed.
 */
public final class CompletionRequest extends GenerationRequest {
  private final List<String> prompt;
  private final List<List<Integer>> promptTokens;
  private final @Nullable String suffix;
  private final @Nullable Boolean echo;
  private final @Nullable Integer bestOf;
  private final @Nullable Integer logprobs;

  private CompletionRequest(Builder b) {
    super(b);
    prompt = Immutables.list(b.prompt, "prompt");
    List<List<Integer>> tokens = new ArrayList<>();
    for (List<Integer> array : Immutables.list(b.promptTokens, "promptTokens")) {
      tokens.add(Immutables.list(array, "promptTokens"));
    }
    promptTokens = List.copyOf(tokens);
    suffix = b.suffix;
    echo = b.echo;
    bestOf = b.bestOf;
    logprobs = b.logprobs;
    RequestChecks.completion(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Text prompts, one completion each; empty when {@link #promptTokens()} is used. */
  public List<String> prompt() {
    return prompt;
  }

  /** Token-id prompts, one array each; empty when {@link #prompt()} is used. */
  public List<List<Integer>> promptTokens() {
    return promptTokens;
  }

  /** Text that follows the completion, for insertion. */
  public @Nullable String suffix() {
    return suffix;
  }

  /** Whether to return the prompt before the completion. */
  public @Nullable Boolean echo() {
    return echo;
  }

  /** Candidates generated server-side per returned completion ({@code best_of}), in [0, 20]. */
  public @Nullable Integer bestOf() {
    return bestOf;
  }

  /** How many most likely tokens to report per position, in [0, 5]. */
  public @Nullable Integer logprobs() {
    return logprobs;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CompletionRequest && state().equals(((CompletionRequest) o).state());
  }

  private List<@Nullable Object> state() {
    return state(prompt, promptTokens, suffix, echo, bestOf, logprobs);
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  /** Prints the model and prompt count, never prompt text. */
  @Override
  public String toString() {
    return "CompletionRequest{model="
        + model()
        + ", prompts="
        + (prompt.isEmpty() ? promptTokens.size() : prompt.size())
        + "}";
  }

  /**
   * Builds a {@link CompletionRequest}; {@code model} and a prompt are required. The setters of the
   * shared options come from {@link GenerationRequest.Builder}.
   */
  public static final class Builder extends GenerationRequest.Builder<Builder> {
    private List<String> prompt = List.of();
    private List<List<Integer>> promptTokens = List.of();
    private @Nullable String suffix;
    private @Nullable Boolean echo;
    private @Nullable Integer bestOf;
    private @Nullable Integer logprobs;

    private Builder() {}

    private Builder(CompletionRequest r) {
      super(r);
      prompt = r.prompt;
      promptTokens = r.promptTokens;
      suffix = r.suffix;
      echo = r.echo;
      bestOf = r.bestOf;
      logprobs = r.logprobs;
    }

    /** Sets one text prompt. */
    public Builder prompt(String prompt) {
      this.prompt = List.of(Checks.notNull(prompt, "prompt"));
      return this;
    }

    /** Sets several text prompts, one completion (or {@code n}) each. */
    public Builder prompt(List<String> prompts) {
      this.prompt = Checks.notNull(prompts, "prompt");
      return this;
    }

    /** Sets token-id prompts: one array per prompt. */
    public Builder promptTokens(List<List<Integer>> tokenArrays) {
      this.promptTokens = Checks.notNull(tokenArrays, "promptTokens");
      return this;
    }

    public Builder suffix(@Nullable String v) {
      suffix = v;
      return this;
    }

    public Builder echo(@Nullable Boolean v) {
      echo = v;
      return this;
    }

    public Builder bestOf(@Nullable Integer v) {
      bestOf = v;
      return this;
    }

    public Builder logprobs(@Nullable Integer v) {
      logprobs = v;
      return this;
    }

    /**
     * Returns the request.
     *
     * @throws IllegalArgumentException if the model is blank, the prompt is missing or given twice,
     *     or an option is out of range
     */
    public CompletionRequest build() {
      return new CompletionRequest(this);
    }
  }
}
