package dev.llmkit.completion;

import dev.llmkit.LlmStreamException;
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
   * <p>Errors of the stream are delivered unchanged. A stream that completes without any chunk has
   * no response to add up to: the {@code Single} fails with {@link LlmStreamException} (provider
   * {@value #UNKNOWN_PROVIDER}). Providers' streams never do that: they emit at least one chunk or
   * fail themselves (OpenAI's stream of only {@code [DONE]} is an {@link LlmStreamException} of the
   * {@code openai} provider). Disposing the {@code Single} disposes the stream.
   */
  public static Single<CompletionResponse> aggregate(Flowable<CompletionChunk> chunks) {
    Checks.notNull(chunks, "chunks");
    return chunks
        .collect(CompletionResponseAccumulator::new, CompletionResponseAccumulator::add)
        .flatMap(
            acc -> acc.chunkCount() == 0 ? Single.error(emptyStream()) : Single.just(acc.build()));
  }

  /** The provider named by the error of a stream that completed without any chunk. */
  public static final String UNKNOWN_PROVIDER = "unknown";

  private static LlmStreamException emptyStream() {
    return new LlmStreamException(
        UNKNOWN_PROVIDER,
        "the stream completed without any chunk, so"
            + " there is no response to aggregate; a provider's stream emits at least one chunk or"
            + " fails with the reason");
  }
}
