package dev.llmkit.spring.internal.metrics;

import dev.llmkit.Capability;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.embedding.EmbeddingService;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/** Records {@link LlmMeters} around an {@link EmbeddingService}. */
final class MeteredEmbeddingService implements EmbeddingService {
  private final EmbeddingService delegate;
  private final LlmMeters meters;

  MeteredEmbeddingService(EmbeddingService delegate, LlmMeters meters) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.meters = Objects.requireNonNull(meters, "meters == null");
  }

  private static final LlmMeters.Answer<EmbeddingResponse> RESPONSE =
      new LlmMeters.Answer<>(EmbeddingResponse::usage, EmbeddingResponse::model);

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request) {
    String model = Objects.requireNonNull(request, "request == null").model();
    return meters.call(Capability.EMBEDDINGS, model, () -> delegate.embed(request), RESPONSE);
  }

  @Override
  public Single<EmbeddingResponse> embedAsync(EmbeddingRequest request) {
    Single<EmbeddingResponse> source = delegate.embedAsync(request);
    return meters.single(Capability.EMBEDDINGS, request.model(), source, RESPONSE);
  }

  @Override
  public String toString() {
    return "Metered[" + delegate + "]";
  }
}
