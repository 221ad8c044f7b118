package dev.llmkit.chat;

import dev.llmkit.common.Usage;
import dev.llmkit.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds a {@link ChatResponse} from the {@link ChatChunk}s of a stream, giving what the blocking
 * call returns for the same request. {@link ChatChunks#aggregate} does the same for a whole {@code
 * Flowable}; use this class to show text as it arrives and keep the full response.
 *
 * <p>Per choice index it joins content and refusal fragments, keeps the role, rebuilds tool calls
 * from their deltas (matched by {@link ToolCallDelta#index()}: id, type and name from the first
 * fragment that has them, argument fragments joined), keeps the last finish reason and joins log
 * probabilities. Id, model, creation time, fingerprint and service tier come from the chunks; usage
 * from the chunk that carries it (usually a last chunk without choices). Unknown fields of chunks,
 * choices and deltas are merged into the matching {@code extra()}, later chunks winning, except a
 * delta's {@code reasoning_content} text (streamed reasoning, as DeepSeek, llama.cpp and llmkit's
 * local provider send it), whose fragments are joined.
 *
 * <p>Not thread-safe: feed it from one thread, in stream order.
 */
public final class ChatResponseAccumulator {
  private static final String REASONING = "reasoning_content";
  private @Nullable String id;
  private @Nullable String model;
  private long created;
  private @Nullable String systemFingerprint;
  private @Nullable String serviceTier;
  private @Nullable Usage usage;
  private final Map<String, Object> extra = new LinkedHashMap<>();
  private final TreeMap<Integer, ChoiceState> choices = new TreeMap<>();
  private int chunkCount;

  /** Creates an empty accumulator. */
  public ChatResponseAccumulator() {}

  /** Adds the next chunk of the stream; returns this. */
  public ChatResponseAccumulator add(ChatChunk chunk) {
    Checks.notNull(chunk, "chunk");
    chunkCount++;
    if (id == null || id.isEmpty()) {
      id = chunk.id();
    }
    if (model == null || model.isEmpty()) {
      model = chunk.model();
    }
    if (created == 0) {
      created = chunk.created();
    }
    chunk.systemFingerprint().ifPresent(v -> systemFingerprint = v);
    chunk.serviceTier().ifPresent(v -> serviceTier = v);
    chunk.usage().ifPresent(v -> usage = v);
    extra.putAll(chunk.extra());
    for (ChunkChoice choice : chunk.choices()) {
      choices.computeIfAbsent(choice.index(), ChoiceState::new).add(choice);
    }
    return this;
  }

  /** How many chunks were added. */
  public int chunkCount() {
    return chunkCount;
  }

  /**
   * Returns the response built from the chunks added so far.
   *
   * @throws IllegalStateException if no chunk was added
   */
  public ChatResponse build() {
    if (id == null || model == null) {
      throw new IllegalStateException("no chunks were added; a stream must emit at least one");
    }
    List<ChatChoice> built = new ArrayList<>(choices.size());
    for (ChoiceState state : choices.values()) {
      built.add(state.build());
    }
    return ChatResponse.builder()
        .id(id)
        .created(created)
        .model(model)
        .choices(built)
        .usage(usage)
        .systemFingerprint(systemFingerprint)
        .serviceTier(serviceTier)
        .extra(extra)
        .build();
  }

  private static final class ChoiceState {
    private final int index;
    private @Nullable Role role;
    private @Nullable StringBuilder content;
    private @Nullable StringBuilder refusal;
    private final TreeMap<Integer, ToolCallState> toolCalls = new TreeMap<>();
    private @Nullable FinishReason finishReason;
    private boolean hasLogprobs;
    private final List<TokenLogprob> contentLogprobs = new ArrayList<>();
    private final List<TokenLogprob> refusalLogprobs = new ArrayList<>();
    private final Map<String, Object> logprobsExtra = new LinkedHashMap<>();
    private final Map<String, Object> messageExtra = new LinkedHashMap<>();
    private final Map<String, Object> choiceExtra = new LinkedHashMap<>();

    ChoiceState(int index) {
      this.index = index;
    }

    void add(ChunkChoice choice) {
      ChatDelta delta = choice.delta();
      delta.role().ifPresent(r -> role = r);
      delta.content().ifPresent(c -> content = append(content, c));
      delta.refusal().ifPresent(r -> refusal = append(refusal, r));
      for (ToolCallDelta call : delta.toolCalls()) {
        toolCalls.computeIfAbsent(call.index(), i -> new ToolCallState()).add(call);
      }
      delta
          .extra()
          .forEach(
              (key, value) -> {
                Object before = messageExtra.get(key);
                boolean joined =
                    REASONING.equals(key) && before instanceof String && value instanceof String;
                messageExtra.put(key, joined ? (String) before + value : value);
              });
      choice.finishReason().ifPresent(f -> finishReason = f);
      choice.logprobs().ifPresent(this::addLogprobs);
      choiceExtra.putAll(choice.extra());
    }

    private void addLogprobs(ChatLogprobs logprobs) {
      hasLogprobs = true;
      contentLogprobs.addAll(logprobs.content());
      refusalLogprobs.addAll(logprobs.refusal());
      logprobsExtra.putAll(logprobs.extra());
    }

    private static StringBuilder append(@Nullable StringBuilder sb, String fragment) {
      return (sb == null ? new StringBuilder() : sb).append(fragment);
    }

    ChatChoice build() {
      List<ToolCall> calls = new ArrayList<>(toolCalls.size());
      for (ToolCallState call : toolCalls.values()) {
        calls.add(call.build());
      }
      ChatMessage message =
          ChatMessage.builder()
              .role(role != null ? role : Role.ASSISTANT)
              .content(content != null ? content.toString() : null)
              .refusal(refusal != null ? refusal.toString() : null)
              .toolCalls(calls)
              .extra(messageExtra)
              .build();
      ChatLogprobs logprobs =
          hasLogprobs
              ? ChatLogprobs.builder()
                  .content(contentLogprobs)
                  .refusal(refusalLogprobs)
                  .extra(logprobsExtra)
                  .build()
              : null;
      return ChatChoice.builder()
          .index(index)
          .message(message)
          .finishReason(finishReason)
          .logprobs(logprobs)
          .extra(choiceExtra)
          .build();
    }
  }

  private static final class ToolCallState {
    private @Nullable String id;
    private @Nullable String type;
    private @Nullable String name;
    private final StringBuilder arguments = new StringBuilder();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    void add(ToolCallDelta delta) {
      if (id == null) {
        id = delta.id().orElse(null);
      }
      if (type == null) {
        type = delta.type().orElse(null);
      }
      if (name == null) {
        name = delta.name().orElse(null);
      }
      delta.arguments().ifPresent(arguments::append);
      extra.putAll(delta.extra());
    }

    ToolCall build() {
      return ToolCall.builder()
          .id(id != null ? id : "")
          .type(type != null ? type : "function")
          .name(name != null ? name : "")
          .arguments(arguments.toString())
          .extra(extra)
          .build();
    }
  }
}
