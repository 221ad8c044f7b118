package dev.llmkit.local.internal.engine;

import dev.llmkit.local.internal.model.LayerAdapter;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The forward pass as the engine sees it: one loaded model whose weights are shared, read-only, by
 * any number of {@link Sequence}s, each with its own KV cache. Implementations are thread-safe as
 * long as each sequence is used by one thread at a time.
 */
public interface ModelRunner extends AutoCloseable {
  /** Number of logits per position. */
  int vocabSize();

  /** The context length the model was trained for (GGUF {@code <arch>.context_length}). */
  int trainedContextLength();

  /** Forward calls (prompt batches and single tokens) made so far by all sequences. */
  long forwardCalls();

  /**
   * Starts a sequence with a KV cache for {@code capacity} positions (at most the context size the
   * model was loaded with).
   */
  Sequence newSequence(int capacity);

  /**
   * A sequence whose forward passes apply {@code adapter} (LoRA) over the shared weights; null is
   * {@link #newSequence(int)}. Runners without adapter support reject a non-null one.
   */
  default Sequence newSequence(int capacity, @Nullable LayerAdapter adapter) {
    if (adapter != null) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " does not run LoRA adapters");
    }
    return newSequence(capacity);
  }

  /** Releases the weights (unmaps the file) and compute threads. */
  @Override
  void close();

  /** One token sequence and its KV cache. */
  interface Sequence extends AutoCloseable {
    /**
     * Processes {@code tokens} at the next positions and returns the logits of the last one, or
     * null when {@code stop} said yes first: a runner that processes a long prompt in slices asks
     * it before each slice, and {@link #position} then covers the slices processed. The array may
     * be reused by the next call.
     */
    float @Nullable [] feed(int[] tokens, BooleanSupplier stop);

    /** {@link #feed(int[], BooleanSupplier)} to the end: all tokens, always logits. */
    default float[] feed(int[] tokens) {
      float[] logits = feed(tokens, () -> false);
      if (logits == null) {
        throw new IllegalStateException("a feed that never stops stopped");
      }
      return logits;
    }

    /** Number of positions filled so far. */
    int position();

    /**
     * Forgets every position from {@code position} on, keeping the cache before it: the next {@link
     * #feed} continues there (used to reuse a prompt for several choices).
     */
    void rewind(int position);

    /**
     * Says that no {@link #feed} follows soon (its request ended; the cache may be kept for a later
     * prompt): a runner batching the steps of concurrent sequences stops waiting for this one. The
     * next feed resumes it.
     */
    default void pause() {}

    /** Frees the KV cache. */
    @Override
    void close();
  }
}
