package dev.llmkit.common;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The options a chat request ({@code dev.llmkit.chat.ChatRequest}) and a text completion request
 * ({@code dev.llmkit.completion.CompletionRequest}) share: the model, sampling, stop sequences, the
 * token limit, penalties, seed, user, usage in streams and provider fields sent verbatim. Each
 * request adds its own options and range checks.
 *
 * <p>Extended by those two requests only, and by their builders through {@link Builder}: other
 * subclasses are rejected when constructed. Nullable options mean "the provider's default".
 */
public abstract class GenerationRequest {
  private static final Set<String> SUBCLASSES =
      Set.of("dev.llmkit.chat.ChatRequest", "dev.llmkit.completion.CompletionRequest");

  private final String model;
  private final @Nullable Double temperature;
  private final @Nullable Double topP;
  private final @Nullable Integer n;
  private final List<String> stop;
  private final @Nullable Integer maxTokens;
  private final @Nullable Double presencePenalty;
  private final @Nullable Double frequencyPenalty;
  private final Map<String, Integer> logitBias;
  private final @Nullable Long seed;
  private final @Nullable String user;
  private final @Nullable Boolean streamIncludeUsage;
  private final Map<String, Object> extraBody;

  /** Copies the shared options of {@code b}; only llmkit's two requests call this. */
  protected GenerationRequest(Builder<?> b) {
    onlyLlmkit(getClass(), SUBCLASSES);
    model = Checks.notBlank(b.model, "model");
    temperature = b.temperature;
    topP = b.topP;
    n = b.n;
    stop = Immutables.list(b.stop, "stop");
    maxTokens = b.maxTokens;
    presencePenalty = b.presencePenalty;
    frequencyPenalty = b.frequencyPenalty;
    logitBias = Immutables.map(b.logitBias, "logitBias");
    seed = b.seed;
    user = b.user;
    streamIncludeUsage = b.streamIncludeUsage;
    extraBody = Immutables.extra(b.extraBody, "extraBody");
  }

  private static void onlyLlmkit(Class<?> type, Set<String> allowed) {
    if (!allowed.contains(type.getName())) {
      String extended = type.getSuperclass().getName();
      throw new IllegalStateException(type.getName() + " may not extend " + extended);
    }
  }

  /** The model id, e.g. {@code gpt-4o-mini}. */
  public String model() {
    return model;
  }

  /** Sampling temperature in [0, 2]; higher is more random. */
  public @Nullable Double temperature() {
    return temperature;
  }

  /** Nucleus sampling mass in [0, 1] ({@code top_p}). */
  public @Nullable Double topP() {
    return topP;
  }

  /** How many choices to generate (per prompt for completions); at least 1. */
  public @Nullable Integer n() {
    return n;
  }

  /** Up to 4 sequences that end generation; empty = none. */
  public List<String> stop() {
    return stop;
  }

  /**
   * Upper bound on generated tokens ({@code max_tokens}); chat with reasoning models needs {@code
   * maxCompletionTokens} instead.
   */
  public @Nullable Integer maxTokens() {
    return maxTokens;
  }

  /** Penalty in [-2, 2] for tokens that already appeared ({@code presence_penalty}). */
  public @Nullable Double presencePenalty() {
    return presencePenalty;
  }

  /** Penalty in [-2, 2] growing with a token's frequency so far ({@code frequency_penalty}). */
  public @Nullable Double frequencyPenalty() {
    return frequencyPenalty;
  }

  /** Bias in [-100, 100] per token id (as a string) ({@code logit_bias}); empty = none. */
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

  /** Provider fields sent verbatim in the request body, overriding modelled ones by name. */
  public Map<String, Object> extraBody() {
    return extraBody;
  }

  /** The shared options followed by {@code own}, for a subclass's equals and hashCode. */
  protected final List<@Nullable Object> state(@Nullable Object... own) {
    @Nullable Object[] shared = {
      model,
      temperature,
      topP,
      n,
      stop,
      maxTokens,
      presencePenalty,
      frequencyPenalty,
      logitBias,
      seed,
      user,
      streamIncludeUsage,
      extraBody
    };
    List<@Nullable Object> all = new ArrayList<@Nullable Object>(Arrays.asList(shared));
    all.addAll(Arrays.asList(own));
    return all;
  }

  /**
   * The setters of the shared options, returning the request's own builder type {@code B}.
   *
   * @param <B> the builder of the request ({@code ChatRequest.Builder} or {@code
   *     CompletionRequest.Builder})
   */
  public abstract static class Builder<B extends Builder<B>> {
    private static final Set<String> SUBCLASSES =
        Set.of(
            "dev.llmkit.chat.ChatRequest$Builder",
            "dev.llmkit.completion.CompletionRequest$Builder");

    private @Nullable String model;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer n;
    private List<String> stop = List.of();
    private @Nullable Integer maxTokens;
    private @Nullable Double presencePenalty;
    private @Nullable Double frequencyPenalty;
    private Map<String, Integer> logitBias = Map.of();
    private @Nullable Long seed;
    private @Nullable String user;
    private @Nullable Boolean streamIncludeUsage;
    private Map<String, ?> extraBody = Map.of();

    /** An empty builder; only llmkit's two request builders call this. */
    protected Builder() {
      onlyLlmkit(getClass(), SUBCLASSES);
    }

    /** A builder holding the shared options of {@code r}. */
    protected Builder(GenerationRequest r) {
      this();
      model = r.model;
      temperature = r.temperature;
      topP = r.topP;
      n = r.n;
      stop = r.stop;
      maxTokens = r.maxTokens;
      presencePenalty = r.presencePenalty;
      frequencyPenalty = r.frequencyPenalty;
      logitBias = r.logitBias;
      seed = r.seed;
      user = r.user;
      streamIncludeUsage = r.streamIncludeUsage;
      extraBody = r.extraBody;
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    public B model(String model) {
      this.model = model;
      return self();
    }

    public B temperature(@Nullable Double v) {
      temperature = v;
      return self();
    }

    public B temperature(double v) {
      return temperature(Double.valueOf(v));
    }

    public B topP(@Nullable Double v) {
      topP = v;
      return self();
    }

    public B topP(double v) {
      return topP(Double.valueOf(v));
    }

    public B n(@Nullable Integer v) {
      n = v;
      return self();
    }

    public B stop(List<String> v) {
      stop = Checks.notNull(v, "stop");
      return self();
    }

    /** Sets a single stop sequence. */
    public B stop(String v) {
      return stop(List.of(Checks.notNull(v, "stop")));
    }

    public B maxTokens(@Nullable Integer v) {
      maxTokens = v;
      return self();
    }

    public B presencePenalty(@Nullable Double v) {
      presencePenalty = v;
      return self();
    }

    public B presencePenalty(double v) {
      return presencePenalty(Double.valueOf(v));
    }

    public B frequencyPenalty(@Nullable Double v) {
      frequencyPenalty = v;
      return self();
    }

    public B frequencyPenalty(double v) {
      return frequencyPenalty(Double.valueOf(v));
    }

    public B logitBias(Map<String, Integer> v) {
      logitBias = Checks.notNull(v, "logitBias");
      return self();
    }

    public B seed(@Nullable Long v) {
      seed = v;
      return self();
    }

    public B seed(long v) {
      return seed(Long.valueOf(v));
    }

    public B user(@Nullable String v) {
      user = v;
      return self();
    }

    public B streamIncludeUsage(@Nullable Boolean v) {
      streamIncludeUsage = v;
      return self();
    }

    /** Sets provider fields sent verbatim in the request body (JSON-like values). */
    public B extraBody(Map<String, ?> v) {
      extraBody = Checks.notNull(v, "extraBody");
      return self();
    }
  }
}
