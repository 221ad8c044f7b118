package dev.llmkit.completion;

import dev.llmkit.internal.Checks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;

/** Operations on streams of {@link CompletionChunk}s. */
public final class CompletionChunks {
  private CompletionChunks() {}

  /**
   * Returns a {@link Single} that subscribes to {@code chunks} and emits the {@link
   * CompletionResponse} they add up to: what {@link CompletionService#complete} returns for the
   * same request. See {@link CompletionResponseAccumulator}.
   *
   * <p>Errors of the stream are delivered unchanged. A stream that completes without any chunk
   * fails with {@link IllegalStateException}. Disposing the {@code Single} disposes the stream.
   */
  public static Single<CompletionResponse> aggregate(Flowable<CompletionChunk> chunks) {
    Checks.notNull(chunks, "chunks");
    return chunks
        .collect(CompletionResponseAccumulator::new, CompletionResponseAccumulator::add)
        .map(CompletionResponseAccumulator::build);
  }
}
