package dev.llmkit.completion;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import dev.llmkit.internal.RequestChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A legacy text completion request ({@code /v1/completions}). Immutable; build with {@link
 * #builder()}.
 *
 * <p>The prompt is either text ({@link #prompt()}: one or more strings, one completion each) or
 * token ids ({@link #promptTokens()}: one or more token arrays), never both. Nullable options mean
 * "the provider's default". {@link Builder#build()} checks ranges and throws {@link
 * IllegalArgumentException} saying what is wrong and what is allowed.
 */
public final class CompletionRequest {
  private final String model;
  private final List<String> prompt;
  private final List<List<Integer>> promptTokens;
  private final @Nullable String suffix;
  private final @Nullable Integer maxTokens;
  private final @Nullable Double temperature;
  private final @Nullable Double topP;
  private final @Nullable Integer n;
  private final List<String> stop;
  private final @Nullable Boolean echo;
  private final @Nullable Integer bestOf;
  private final @Nullable Integer logprobs;
  private final @Nullable Double presencePenalty;
  private final @Nullable Double frequencyPenalty;
  private final Map<String, Integer> logitBias;
  private final @Nullable Long seed;
  private final @Nullable String user;
  private final @Nullable Boolean streamIncludeUsage;
  private final Map<String, Object> extraBody;

  private CompletionRequest(Builder b) {
    model = Checks.notBlank(b.model, "model");
    prompt = Immutables.list(b.prompt, "prompt");
    List<List<Integer>> tokens = new ArrayList<>();
    for (List<Integer> array : Immutables.list(b.promptTokens, "promptTokens")) {
      tokens.add(Immutables.list(array, "promptTokens"));
    }
    promptTokens = List.copyOf(tokens);
    suffix = b.suffix;
    maxTokens = b.maxTokens;
    temperature = b.temperature;
    topP = b.topP;
    n = b.n;
    stop = Immutables.list(b.stop, "stop");
    echo = b.echo;
    bestOf = b.bestOf;
    logprobs = b.logprobs;
    presencePenalty = b.presencePenalty;
    frequencyPenalty = b.frequencyPenalty;
    logitBias = Immutables.map(b.logitBias, "logitBias");
    seed = b.seed;
    user = b.user;
    streamIncludeUsage = b.streamIncludeUsage;
    extraBody = Immutables.extra(b.extraBody, "extraBody");
    RequestChecks.completion(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The model id, e.g. {@code gpt-3.5-turbo-instruct}. */
  public String model() {
    return model;
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

  /** Upper bound on generated tokens per completion. */
  public @Nullable Integer maxTokens() {
    return maxTokens;
  }

  /** Sampling temperature in [0, 2]. */
  public @Nullable Double temperature() {
    return temperature;
  }

  /** Nucleus sampling mass in [0, 1] ({@code top_p}). */
  public @Nullable Double topP() {
    return topP;
  }

  /** Completions per prompt, in [1, 128]. */
  public @Nullable Integer n() {
    return n;
  }

  /** Up to 4 sequences that end generation. */
  public List<String> stop() {
    return stop;
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

  /** Penalty in [-2, 2] for tokens that already appeared. */
  public @Nullable Double presencePenalty() {
    return presencePenalty;
  }

  /** Penalty in [-2, 2] growing with a token's frequency so far. */
  public @Nullable Double frequencyPenalty() {
    return frequencyPenalty;
  }

  /** Bias in [-100, 100] per token id (as a string). */
  public Map<String, Integer> logitBias() {
    return logitBias;
  }

  /** Seed for best-effort deterministic sampling. */
  public @Nullable Long seed() {
    return seed;
  }

  /** A stable id of the end user, for abuse monitoring. */
  public @Nullable String user() {
    return user;
  }

  /** Whether a stream ends with a usage-only chunk ({@code stream_options.include_usage}). */
  public @Nullable Boolean streamIncludeUsage() {
    return streamIncludeUsage;
  }

  /** Provider fields sent verbatim in the request body. */
  public Map<String, Object> extraBody() {
    return extraBody;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(
        model,
        prompt,
        promptTokens,
        suffix,
        maxTokens,
        temperature,
        topP,
        n,
        stop,
        echo,
        bestOf,
        logprobs,
        presencePenalty,
        frequencyPenalty,
        logitBias,
        seed,
        user,
        streamIncludeUsage,
        extraBody);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CompletionRequest && state().equals(((CompletionRequest) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  /** Prints the model and prompt count, never prompt text. */
  @Override
  public String toString() {
    return "CompletionRequest{model="
        + model
        + ", prompts="
        + (prompt.isEmpty() ? promptTokens.size() : prompt.size())
        + "}";
  }

  /** Builds a {@link CompletionRequest}; {@code model} and a prompt are required. */
  public static final class Builder {
    private @Nullable String model;
    private List<String> prompt = List.of();
    private List<List<Integer>> promptTokens = List.of();
    private @Nullable String suffix;
    private @Nullable Integer maxTokens;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer n;
    private List<String> stop = List.of();
    private @Nullable Boolean echo;
    private @Nullable Integer bestOf;
    private @Nullable Integer logprobs;
    private @Nullable Double presencePenalty;
    private @Nullable Double frequencyPenalty;
    private Map<String, Integer> logitBias = Map.of();
    private @Nullable Long seed;
    private @Nullable String user;
    private @Nullable Boolean streamIncludeUsage;
    private Map<String, ?> extraBody = Map.of();

    private Builder() {}

    private Builder(CompletionRequest r) {
      model = r.model;
      prompt = r.prompt;
      promptTokens = r.promptTokens;
      suffix = r.suffix;
      maxTokens = r.maxTokens;
      temperature = r.temperature;
      topP = r.topP;
      n = r.n;
      stop = r.stop;
      echo = r.echo;
      bestOf = r.bestOf;
      logprobs = r.logprobs;
      presencePenalty = r.presencePenalty;
      frequencyPenalty = r.frequencyPenalty;
      logitBias = r.logitBias;
      seed = r.seed;
      user = r.user;
      streamIncludeUsage = r.streamIncludeUsage;
      extraBody = r.extraBody;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
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

    public Builder maxTokens(@Nullable Integer v) {
      maxTokens = v;
      return this;
    }

    public Builder temperature(@Nullable Double v) {
      temperature = v;
      return this;
    }

    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    public Builder topP(@Nullable Double v) {
      topP = v;
      return this;
    }

    public Builder topP(double v) {
      topP = v;
      return this;
    }

    public Builder n(@Nullable Integer v) {
      n = v;
      return this;
    }

    public Builder stop(List<String> v) {
      stop = Checks.notNull(v, "stop");
      return this;
    }

    public Builder stop(String v) {
      stop = List.of(Checks.notNull(v, "stop"));
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

    public Builder presencePenalty(@Nullable Double v) {
      presencePenalty = v;
      return this;
    }

    public Builder presencePenalty(double v) {
      presencePenalty = v;
      return this;
    }

    public Builder frequencyPenalty(@Nullable Double v) {
      frequencyPenalty = v;
      return this;
    }

    public Builder frequencyPenalty(double v) {
      frequencyPenalty = v;
      return this;
    }

    public Builder logitBias(Map<String, Integer> v) {
      logitBias = Checks.notNull(v, "logitBias");
      return this;
    }

    public Builder seed(@Nullable Long v) {
      seed = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder user(@Nullable String v) {
      user = v;
      return this;
    }

    public Builder streamIncludeUsage(@Nullable Boolean v) {
      streamIncludeUsage = v;
      return this;
    }

    /** Sets provider fields sent verbatim in the request body (JSON-like values). */
    public Builder extraBody(Map<String, ?> v) {
      extraBody = Checks.notNull(v, "extraBody");
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
