package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import dev.llmkit.internal.RequestChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A chat completion request. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *     .model("gpt-4o-mini")
 *     .addSystemMessage("Answer in one sentence.")
 *     .addUserMessage("Why is the sky blue?")
 *     .temperature(0.2)
 *     .build();
 * }</pre>
 *
 * <p>Nullable options mean "the provider's default" and are not sent. {@link #build()} checks
 * ranges and throws {@link IllegalArgumentException} saying what is wrong and what is allowed.
 * Provider fields not modelled here go in {@link Builder#extraBody(Map)} and are sent verbatim.
 * Whether to stream is not part of the request: it is chosen by calling {@link ChatService#chat} or
 * {@link ChatService#stream}.
 */
public final class ChatRequest {
  private final String model;
  private final List<ChatMessage> messages;
  private final @Nullable Double temperature;
  private final @Nullable Double topP;
  private final @Nullable Integer n;
  private final List<String> stop;
  private final @Nullable Integer maxCompletionTokens;
  private final @Nullable Integer maxTokens;
  private final @Nullable Double presencePenalty;
  private final @Nullable Double frequencyPenalty;
  private final Map<String, Integer> logitBias;
  private final @Nullable Long seed;
  private final @Nullable Boolean logprobs;
  private final @Nullable Integer topLogprobs;
  private final @Nullable String user;
  private final @Nullable ReasoningEffort reasoningEffort;
  private final @Nullable Boolean streamIncludeUsage;
  private final List<ToolDefinition> tools;
  private final @Nullable ToolChoice toolChoice;
  private final @Nullable Boolean parallelToolCalls;
  private final @Nullable ResponseFormat responseFormat;
  private final Map<String, Object> extraBody;

  private ChatRequest(Builder b) {
    model = Checks.notBlank(b.model, "model");
    messages = Immutables.list(b.messages, "messages");
    temperature = b.temperature;
    topP = b.topP;
    n = b.n;
    stop = Immutables.list(b.stop, "stop");
    maxCompletionTokens = b.maxCompletionTokens;
    maxTokens = b.maxTokens;
    presencePenalty = b.presencePenalty;
    frequencyPenalty = b.frequencyPenalty;
    logitBias = Immutables.map(b.logitBias, "logitBias");
    seed = b.seed;
    logprobs = b.logprobs;
    topLogprobs = b.topLogprobs;
    user = b.user;
    reasoningEffort = b.reasoningEffort;
    streamIncludeUsage = b.streamIncludeUsage;
    tools = Immutables.list(b.tools, "tools");
    toolChoice = b.toolChoice;
    parallelToolCalls = b.parallelToolCalls;
    responseFormat = b.responseFormat;
    extraBody = Immutables.extra(b.extraBody, "extraBody");
    RequestChecks.chat(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The model id, e.g. {@code gpt-4o-mini}. */
  public String model() {
    return model;
  }

  /** The conversation so far, oldest first; never empty. */
  public List<ChatMessage> messages() {
    return messages;
  }

  /** Sampling temperature in [0, 2]; higher is more random. */
  public @Nullable Double temperature() {
    return temperature;
  }

  /** Nucleus sampling mass in [0, 1] ({@code top_p}). */
  public @Nullable Double topP() {
    return topP;
  }

  /** How many choices to generate; at least 1. */
  public @Nullable Integer n() {
    return n;
  }

  /** Up to 4 sequences that end generation; empty = none. */
  public List<String> stop() {
    return stop;
  }

  /** Upper bound on generated tokens, reasoning tokens included ({@code max_completion_tokens}). */
  public @Nullable Integer maxCompletionTokens() {
    return maxCompletionTokens;
  }

  /**
   * The older token limit ({@code max_tokens}); reasoning models need {@link #maxCompletionTokens}.
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

  /** Whether to return log probabilities of the output tokens. */
  public @Nullable Boolean logprobs() {
    return logprobs;
  }

  /** How many most likely alternatives to return per token, in [0, 20]; needs {@link #logprobs}. */
  public @Nullable Integer topLogprobs() {
    return topLogprobs;
  }

  /** A stable id of the end user, for abuse monitoring. */
  public @Nullable String user() {
    return user;
  }

  /** How hard a reasoning model thinks ({@code reasoning_effort}). */
  public @Nullable ReasoningEffort reasoningEffort() {
    return reasoningEffort;
  }

  /** Whether a stream ends with a usage-only chunk ({@code stream_options.include_usage}). */
  public @Nullable Boolean streamIncludeUsage() {
    return streamIncludeUsage;
  }

  /** Tools the model may call; empty = none. */
  public List<ToolDefinition> tools() {
    return tools;
  }

  /** Which tool, if any, the model must call. */
  public @Nullable ToolChoice toolChoice() {
    return toolChoice;
  }

  /** Whether the model may call several tools in one turn ({@code parallel_tool_calls}). */
  public @Nullable Boolean parallelToolCalls() {
    return parallelToolCalls;
  }

  /** The required form of the answer: text, any JSON object, or JSON matching a schema. */
  public @Nullable ResponseFormat responseFormat() {
    return responseFormat;
  }

  /**
   * Provider fields sent verbatim in the request body, overriding modelled ones of the same name.
   */
  public Map<String, Object> extraBody() {
    return extraBody;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(
        model,
        messages,
        temperature,
        topP,
        n,
        stop,
        maxCompletionTokens,
        maxTokens,
        presencePenalty,
        frequencyPenalty,
        logitBias,
        seed,
        logprobs,
        topLogprobs,
        user,
        reasoningEffort,
        streamIncludeUsage,
        tools,
        toolChoice,
        parallelToolCalls,
        responseFormat,
        extraBody);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChatRequest && state().equals(((ChatRequest) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  /** Prints the model and counts, never message text. */
  @Override
  public String toString() {
    return "ChatRequest{model="
        + model
        + ", messages="
        + messages.size()
        + (tools.isEmpty() ? "" : ", tools=" + tools.size())
        + (extraBody.isEmpty() ? "" : ", extraBody=" + extraBody.keySet())
        + "}";
  }

  /** Builds a {@link ChatRequest}; {@code model} and at least one message are required. */
  public static final class Builder {
    private @Nullable String model;
    private List<ChatMessage> messages = new ArrayList<>();
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer n;
    private List<String> stop = List.of();
    private @Nullable Integer maxCompletionTokens;
    private @Nullable Integer maxTokens;
    private @Nullable Double presencePenalty;
    private @Nullable Double frequencyPenalty;
    private Map<String, Integer> logitBias = Map.of();
    private @Nullable Long seed;
    private @Nullable Boolean logprobs;
    private @Nullable Integer topLogprobs;
    private @Nullable String user;
    private @Nullable ReasoningEffort reasoningEffort;
    private @Nullable Boolean streamIncludeUsage;
    private List<ToolDefinition> tools = List.of();
    private @Nullable ToolChoice toolChoice;
    private @Nullable Boolean parallelToolCalls;
    private @Nullable ResponseFormat responseFormat;
    private Map<String, ?> extraBody = Map.of();

    private Builder() {}

    private Builder(ChatRequest r) {
      model = r.model;
      messages = new ArrayList<>(r.messages);
      temperature = r.temperature;
      topP = r.topP;
      n = r.n;
      stop = r.stop;
      maxCompletionTokens = r.maxCompletionTokens;
      maxTokens = r.maxTokens;
      presencePenalty = r.presencePenalty;
      frequencyPenalty = r.frequencyPenalty;
      logitBias = r.logitBias;
      seed = r.seed;
      logprobs = r.logprobs;
      topLogprobs = r.topLogprobs;
      user = r.user;
      reasoningEffort = r.reasoningEffort;
      streamIncludeUsage = r.streamIncludeUsage;
      tools = r.tools;
      toolChoice = r.toolChoice;
      parallelToolCalls = r.parallelToolCalls;
      responseFormat = r.responseFormat;
      extraBody = r.extraBody;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** Replaces the messages. */
    public Builder messages(List<ChatMessage> messages) {
      this.messages = new ArrayList<>(Checks.notNull(messages, "messages"));
      return this;
    }

    /** Appends a message. */
    public Builder addMessage(ChatMessage message) {
      messages.add(Checks.notNull(message, "message"));
      return this;
    }

    /** Appends {@link ChatMessage#user(String)}. */
    public Builder addUserMessage(String content) {
      return addMessage(ChatMessage.user(content));
    }

    /** Appends {@link ChatMessage#system(String)}. */
    public Builder addSystemMessage(String content) {
      return addMessage(ChatMessage.system(content));
    }

    /** Appends {@link ChatMessage#developer(String)}. */
    public Builder addDeveloperMessage(String content) {
      return addMessage(ChatMessage.developer(content));
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

    /** Sets a single stop sequence. */
    public Builder stop(String v) {
      stop = List.of(Checks.notNull(v, "stop"));
      return this;
    }

    public Builder maxCompletionTokens(@Nullable Integer v) {
      maxCompletionTokens = v;
      return this;
    }

    public Builder maxTokens(@Nullable Integer v) {
      maxTokens = v;
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

    public Builder logprobs(@Nullable Boolean v) {
      logprobs = v;
      return this;
    }

    public Builder topLogprobs(@Nullable Integer v) {
      topLogprobs = v;
      return this;
    }

    public Builder user(@Nullable String v) {
      user = v;
      return this;
    }

    public Builder reasoningEffort(@Nullable ReasoningEffort v) {
      reasoningEffort = v;
      return this;
    }

    public Builder streamIncludeUsage(@Nullable Boolean v) {
      streamIncludeUsage = v;
      return this;
    }

    public Builder tools(List<ToolDefinition> v) {
      tools = Checks.notNull(v, "tools");
      return this;
    }

    public Builder toolChoice(@Nullable ToolChoice v) {
      toolChoice = v;
      return this;
    }

    public Builder parallelToolCalls(@Nullable Boolean v) {
      parallelToolCalls = v;
      return this;
    }

    public Builder responseFormat(@Nullable ResponseFormat v) {
      responseFormat = v;
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
     * @throws IllegalArgumentException if the model is blank, there are no messages, or an option
     *     is out of range (the message says which and what is allowed)
     */
    public ChatRequest build() {
      return new ChatRequest(this);
    }
  }
}
