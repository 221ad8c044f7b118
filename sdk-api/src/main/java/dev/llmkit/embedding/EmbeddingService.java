package dev.llmkit.embedding;

import dev.llmkit.internal.Checks;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;

/**
 * Turns texts or token sequences into vectors.
 *
 * <pre>{@code
 * EmbeddingResponse r = client.embeddings().embed(EmbeddingRequest.builder()
 *     .model("text-embedding-3-small").inputs(List.of("cat", "dog")).build());
 * double sim = Embeddings.cosineSimilarity(r.embedding(0).vector(), r.embedding(1).vector());
 * }</pre>
 *
 * <p>{@link #embed} blocks the caller's thread. {@link #embedAsync} is cold: nothing is sent until
 * subscription. Errors are {@link dev.llmkit.LlmException} subtypes. For more inputs than one
 * request may carry, use {@link Embeddings#embedAll(EmbeddingService, EmbeddingRequest, int)}.
 */
public interface EmbeddingService {

  /**
   * Returns one embedding per input of {@code request}.
   *
   * @throws dev.llmkit.UnsupportedCapabilityException if this provider or model does not embed
   */
  EmbeddingResponse embed(EmbeddingRequest request);

  /**
   * Returns a cold {@link Single} that embeds when subscribed. The default implementation runs
   * {@link #embed} on {@link Schedulers#io()}; providers with a non-blocking transport override it.
   */
  default Single<EmbeddingResponse> embedAsync(EmbeddingRequest request) {
    Checks.notNull(request, "request");
    return Single.fromCallable(() -> embed(request)).subscribeOn(Schedulers.io());
  }
}
