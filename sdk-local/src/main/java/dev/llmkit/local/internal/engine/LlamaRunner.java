package dev.llmkit.local.internal.engine;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.model.LlamaState;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.model.LayerAdapter;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * {@link ModelRunner} over the {@link Llama} forward pass. Owns the mapped file and the compute
 * pool; closing it releases both. Counts forward calls, so tests can check that a cancelled
 * stream stops computing.
 */
final class LlamaRunner implements ModelRunner {
  private final GgufFile file;
  private final ComputePool pool;
  private final Llama llama;
  private final AtomicLong forwardCalls = new AtomicLong();

  LlamaRunner(GgufFile file, ComputePool pool, Llama llama) {
    this.file = file;
    this.pool = pool;
    this.llama = llama;
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
      throw new IllegalArgumentException("capacity " + capacity + " exceeds the loaded context "
          + llama.config().contextLength());
    }
    LlamaState state = llama.newState(capacity);
    state.adapter(adapter);
    return new Sequence() {
      private int position;

      @Override
      public float[] feed(int[] tokens) {
        forwardCalls.incrementAndGet();
        float[] logits = llama.forward(state, tokens, position);
        position += tokens.length;
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
      public void close() {
        // The KV cache is plain heap memory, freed with the state.
      }
    };
  }

  @Override
  public void close() {
    pool.close();
    file.close();
  }
}
