package dev.llmkit.completion;

import dev.llmkit.chat.FinishReason;
import dev.llmkit.common.Usage;
import dev.llmkit.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds a {@link CompletionResponse} from the {@link CompletionChunk}s of a stream, giving what
 * the blocking call returns for the same request. Per choice index it joins the text fragments,
 * keeps the last finish reason and joins the log-probability lists; usage comes from the chunk that
 * carries it. Unknown fields are merged into {@code extra()}, later chunks winning.
 *
 * <p>Not thread-safe: feed it from one thread, in stream order.
 */
public final class CompletionResponseAccumulator {
  private @Nullable String id;
  private @Nullable String model;
  private long created;
  private @Nullable String systemFingerprint;
  private @Nullable Usage usage;
  private final Map<String, Object> extra = new LinkedHashMap<>();
  private final TreeMap<Integer, ChoiceState> choices = new TreeMap<>();
  private int chunkCount;

  /** Creates an empty accumulator. */
  public CompletionResponseAccumulator() {}

  /** Adds the next chunk of the stream; returns this. */
  public CompletionResponseAccumulator add(CompletionChunk chunk) {
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
    chunk.usage().ifPresent(v -> usage = v);
    extra.putAll(chunk.extra());
    for (CompletionChoice choice : chunk.choices()) {
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
  public CompletionResponse build() {
    if (id == null || model == null) {
      throw new IllegalStateException("no chunks were added; a stream must emit at least one");
    }
    List<CompletionChoice> built = new ArrayList<>(choices.size());
    for (ChoiceState state : choices.values()) {
      built.add(state.build());
    }
    return CompletionResponse.builder()
        .id(id)
        .created(created)
        .model(model)
        .choices(built)
        .usage(usage)
        .systemFingerprint(systemFingerprint)
        .extra(extra)
        .build();
  }

  private static final class ChoiceState {
    private final int index;
    private final StringBuilder text = new StringBuilder();
    private @Nullable FinishReason finishReason;
    private boolean hasLogprobs;
    private final List<String> tokens = new ArrayList<>();
    private final List<@Nullable Double> tokenLogprobs = new ArrayList<>();
    private final List<@Nullable Map<String, Double>> topLogprobs = new ArrayList<>();
    private final List<Integer> textOffset = new ArrayList<>();
    private final Map<String, Object> logprobsExtra = new LinkedHashMap<>();
    private final Map<String, Object> choiceExtra = new LinkedHashMap<>();

    ChoiceState(int index) {
      this.index = index;
    }

    void add(CompletionChoice choice) {
      text.append(choice.text());
      choice.finishReason().ifPresent(f -> finishReason = f);
      choice.logprobs().ifPresent(this::addLogprobs);
      choiceExtra.putAll(choice.extra());
    }

    private void addLogprobs(CompletionLogprobs logprobs) {
      hasLogprobs = true;
      tokens.addAll(logprobs.tokens());
      tokenLogprobs.addAll(logprobs.tokenLogprobs());
      topLogprobs.addAll(logprobs.topLogprobs());
      textOffset.addAll(logprobs.textOffset());
      logprobsExtra.putAll(logprobs.extra());
    }

    CompletionChoice build() {
      CompletionLogprobs logprobs =
          hasLogprobs
              ? CompletionLogprobs.builder()
                  .tokens(tokens)
                  .tokenLogprobs(tokenLogprobs)
                  .topLogprobs(topLogprobs)
                  .textOffset(textOffset)
                  .extra(logprobsExtra)
                  .build()
              : null;
      return CompletionChoice.builder()
          .index(index)
          .text(text.toString())
          .finishReason(finishReason)
          .logprobs(logprobs)
          .extra(choiceExtra)
          .build();
    }
  }
}
