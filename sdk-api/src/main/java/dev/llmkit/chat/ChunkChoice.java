package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The part of one choice carried by a {@link ChatChunk}. Immutable. */
public final class ChunkChoice {
  private final int index;
  private final ChatDelta delta;
  private final @Nullable FinishReason finishReason;
  private final @Nullable ChatLogprobs logprobs;
  private final Map<String, Object> extra;

  private ChunkChoice(Builder b) {
    this.index = b.index;
    this.delta = Checks.notNull(b.delta, "delta");
    this.finishReason = b.finishReason;
    this.logprobs = b.logprobs;
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The choice this delta extends. */
  public int index() {
    return index;
  }

  /** What to append to the choice. */
  public ChatDelta delta() {
    return delta;
  }

  /** Why generation stopped; set in the choice's last chunk. */
  public Optional<FinishReason> finishReason() {
    return Optional.ofNullable(finishReason);
  }

  /** Log probabilities of the tokens in this delta, when requested. */
  public Optional<ChatLogprobs> logprobs() {
    return Optional.ofNullable(logprobs);
  }

  /** Provider fields this type does not model, by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(index, delta, finishReason, logprobs, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChunkChoice && state().equals(((ChunkChoice) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "ChunkChoice{"
        + "index="
        + index
        + ", delta="
        + delta
        + (finishReason != null ? ", finishReason=" + finishReason : "")
        + "}";
  }

  /** Builds a {@link ChunkChoice}. */
  public static final class Builder {
    private int index;
    private @Nullable ChatDelta delta;
    private @Nullable FinishReason finishReason;
    private @Nullable ChatLogprobs logprobs;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(ChunkChoice v) {
      index = v.index;
      delta = v.delta;
      finishReason = v.finishReason;
      logprobs = v.logprobs;
      extra = v.extra;
    }

    public Builder index(int index) {
      this.index = index;
      return this;
    }

    public Builder delta(ChatDelta delta) {
      this.delta = Checks.notNull(delta, "delta");
      return this;
    }

    public Builder finishReason(@Nullable FinishReason finishReason) {
      this.finishReason = finishReason;
      return this;
    }

    public Builder logprobs(@Nullable ChatLogprobs logprobs) {
      this.logprobs = logprobs;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public ChunkChoice build() {
      return new ChunkChoice(this);
    }
  }
}
