package dev.llmkit.chat;

import dev.llmkit.common.GenerationRequest;
import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import dev.llmkit.internal.RequestChecks;
import java.util.ArrayList;
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
 * ranges and throws {@link IllegalArgumentException} saying what is wrong and what is allowed. The
 * options text completions share (model, sampling, stop, penalties, seed, …) are those of {@link
 * GenerationRequest}. Provider fields not modelled here go in {@link Builder#extraBody(Map)} and
 * are sent verbatim. Whether to stream is not part of the request: it is chosen by calling {@link
 * ChatService#chat} or {@link ChatService#stream}.
 */
public final class ChatRequest extends GenerationRequest {
  private final List<ChatMessage> messages;
  private final @Nullable Integer maxCompletionTokens;
  private final @Nullable Boolean logprobs;
  private final @Nullable Integer topLogprobs;
  private final @Nullable ReasoningEffort reasoningEffort;
  private final List<ToolDefinition> tools;
  private final @Nullable ToolChoice toolChoice;
  private final @Nullable Boolean parallelToolCalls;
  private final @Nullable ResponseFormat responseFormat;

  private ChatRequest(Builder b) {
    super(b);
    messages = Immutables.list(b.messages, "messages");
    maxCompletionTokens = b.maxCompletionTokens;
    logprobs = b.logprobs;
    topLogprobs = b.topLogprobs;
    reasoningEffort = b.reasoningEffort;
    tools = Immutables.list(b.tools, "tools");
    toolChoice = b.toolChoice;
    parallelToolCalls = b.parallelToolCalls;
    responseFormat = b.responseFormat;
    RequestChecks.chat(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The conversation so far, oldest first; never empty. */
  public List<ChatMessage> messages() {
    return messages;
  }

  /** Upper bound on generated tokens, reasoning tokens included ({@code max_completion_tokens}). */
  public @Nullable Integer maxCompletionTokens() {
    return maxCompletionTokens;
  }

  /** Whether to return log probabilities of the output tokens. */
  public @Nullable Boolean logprobs() {
    return logprobs;
  }

  /** How many most likely alternatives to return per token, in [0, 20]; needs {@link #logprobs}. */
  public @Nullable Integer topLogprobs() {
    return topLogprobs;
  }

  /** How hard a reasoning model thinks ({@code reasoning_effort}). */
  public @Nullable ReasoningEffort reasoningEffort() {
    return reasoningEffort;
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

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChatRequest && state().equals(((ChatRequest) o).state());
  }

  private List<@Nullable Object> state() {
    return state(
        messages,
        maxCompletionTokens,
        logprobs,
        topLogprobs,
        reasoningEffort,
        tools,
        toolChoice,
        parallelToolCalls,
        responseFormat);
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  /** Prints the model and counts, never message text. */
  @Override
  public String toString() {
    return "ChatRequest{model="
        + model()
        + ", messages="
        + messages.size()
        + (tools.isEmpty() ? "" : ", tools=" + tools.size())
        + (extraBody().isEmpty() ? "" : ", extraBody=" + extraBody().keySet())
        + "}";
  }

  /**
   * Builds a {@link ChatRequest}; {@code model} and at least one message are required. The setters
   * of the shared options come from {@link GenerationRequest.Builder}.
   */
  public static final class Builder extends GenerationRequest.Builder<Builder> {
    private List<ChatMessage> messages = new ArrayList<>();
    private @Nullable Integer maxCompletionTokens;
    private @Nullable Boolean logprobs;
    private @Nullable Integer topLogprobs;
    private @Nullable ReasoningEffort reasoningEffort;
    private List<ToolDefinition> tools = List.of();
    private @Nullable ToolChoice toolChoice;
    private @Nullable Boolean parallelToolCalls;
    private @Nullable ResponseFormat responseFormat;

    private Builder() {}

    private Builder(ChatRequest r) {
      super(r);
      messages = new ArrayList<>(r.messages);
      maxCompletionTokens = r.maxCompletionTokens;
      logprobs = r.logprobs;
      topLogprobs = r.topLogprobs;
      reasoningEffort = r.reasoningEffort;
      tools = r.tools;
      toolChoice = r.toolChoice;
      parallelToolCalls = r.parallelToolCalls;
      responseFormat = r.responseFormat;
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

    public Builder maxCompletionTokens(@Nullable Integer v) {
      maxCompletionTokens = v;
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

    public Builder reasoningEffort(@Nullable ReasoningEffort v) {
      reasoningEffort = v;
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
