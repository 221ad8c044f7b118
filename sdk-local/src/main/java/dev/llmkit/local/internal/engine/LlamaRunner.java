package dev.llmkit.local.internal.engine;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.LayerAdapter;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.model.LlamaState;
import dev.llmkit.local.internal.tensor.ComputePool;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link ModelRunner} over the {@link Llama} forward pass. Owns the mapped file and the compute
 * pool; closing it releases both. Counts forward calls, so tests can check that a cancelled stream
 * stops computing.
 *
 * <p>Single-token feeds (generation steps) of concurrent sequences are batched by a {@link
 * StepScheduler}, up to {@code maxBatchSize} per step, and prompts are fed in slices of {@link
 * Llama#DEFAULT_MAX_BATCH} tokens that take turns with those steps. Every step runs through the
 * same {@link dev.llmkit.local.internal.model.DecodeBatch} kernels whatever the batch size (1
 * included), so a sequence's logits do not depend on how many others run: with batch size 1 the
 * steps simply run one sequence at a time.
 */
final class LlamaRunner implements ModelRunner {
  private final GgufFile file;
  private final ComputePool pool;
  private final Llama llama;
  private final StepScheduler scheduler;
  private final AtomicLong forwardCalls = new AtomicLong();

  LlamaRunner(GgufFile file, ComputePool pool, Llama llama) {
    this(file, pool, llama, 1);
  }

  /** {@code maxBatchSize}: most sequences per batched step; 1 turns batching off. */
  LlamaRunner(GgufFile file, ComputePool pool, Llama llama, int maxBatchSize) {
    this.file = file;
    this.pool = pool;
    this.llama = llama;
    this.scheduler = new StepScheduler(llama.newDecodeBatch(maxBatchSize));
  }

  /** Batched steps run so far and the sequence steps they made. */
  long[] batchCounts() {
    return scheduler.counts();
  }

  @Override
  public int vocabSize() {
    return llama.config().vocabularySize();
  }

  @Override
  public int trainedContextLength() {
    return llama.config().modelContextLength();
  }

  @Override
  public long forwardCalls() {
    return forwardCalls.get();
  }

  @Override
  public Sequence newSequence(int capacity) {
    return newSequence(capacity, null);
  }

  @Override
  public Sequence newSequence(int capacity, @Nullable LayerAdapter adapter) {
    if (capacity > llama.config().contextLength()) {
      throw new IllegalArgumentException(
          "capacity " + capacity + " exceeds the loaded context " + llama.config().contextLength());
    }
    LlamaState state = llama.newState(capacity);
    state.adapter(adapter);
    StepScheduler.Member member = scheduler.member(state);
    return new Sequence() {
      private int position;

      @Override
      public float @Nullable [] feed(int[] tokens, BooleanSupplier stop) {
        forwardCalls.incrementAndGet();
        return scheduled(member, tokens, stop);
      }

      /**
       * A step batched with other sequences', or the prompt slice by slice between steps (asking
       * {@code stop} before each slice); advances {@link #position} over what was processed.
       */
      private float @Nullable [] scheduled(
          StepScheduler.Member m, int[] tokens, BooleanSupplier stop) {
        StepScheduler s = Objects.requireNonNull(scheduler, "scheduled step without a scheduler");
        if (tokens.length == 1 && position == state.filled()) {
          float[] logits = pool.pass(() -> m.step(tokens[0])); // workers ready for the whole step
          position++;
          return logits;
        }
        m.leave(); // a new prompt (or a rewind): not generating until the next step
        if (tokens.length == 0) {
          return llama.forward(state, tokens, position); // rejects it
        }
        int slice = Llama.DEFAULT_MAX_BATCH;
        float[] logits = null;
        for (int from = 0; from < tokens.length; from += slice) {
          if (stop.getAsBoolean()) {
            return null;
          }
          int[] part = Arrays.copyOfRange(tokens, from, Math.min(tokens.length, from + slice));
          int at = position;
          if (from + slice < tokens.length) { // not the last slice: no logits needed
            s.exclusive(
                () -> {
                  llama.prefill(state, part, at);
                  return null;
                });
          } else {
            logits = s.exclusive(() -> llama.forward(state, part, at));
          }
          position += part.length;
        }
        return logits;
      }

      @Override
      public int position() {
        return position;
      }

      @Override
      public void rewind(int to) {
        if (to < 0 || to > position) {
          throw new IllegalArgumentException("cannot rewind to " + to + " from " + position);
        }
        position = to;
      }

      @Override
      public void pause() {
        member.leave();
      }

      @Override
      public void close() {
        pause(); // the KV cache is plain heap memory, freed with the state
      }
    };
  }

  @Override
  public void close() {
    pool.close();
    file.close();
  }
}
