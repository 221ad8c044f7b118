package dev.llmkit.spring.internal.metrics;

import dev.llmkit.Capability;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.completion.CompletionService;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/** Records {@link LlmMeters} around a {@link CompletionService}; streams keep their semantics. */
final class MeteredCompletionService implements CompletionService {
  private final CompletionService delegate;
  private final LlmMeters meters;

  MeteredCompletionService(CompletionService delegate, LlmMeters meters) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.meters = Objects.requireNonNull(meters, "meters == null");
  }

  @Override
  public CompletionResponse complete(CompletionRequest request) {
    return meters.call(Capability.COMPLETIONS, model(request), () -> delegate.complete(request),
        CompletionResponse::usage);
  }

  @Override
  public Flowable<CompletionChunk> stream(CompletionRequest request) {
    Flowable<CompletionChunk> source = delegate.stream(request);
    return meters.stream(Capability.COMPLETIONS, request.model(), source,
        CompletionChunk::usage, true);
  }

  @Override
  public Single<CompletionResponse> completeAsync(CompletionRequest request) {
    Single<CompletionResponse> source = delegate.completeAsync(request);
    return meters.single(Capability.COMPLETIONS, request.model(), source,
        CompletionResponse::usage);
  }

  private static String model(CompletionRequest request) {
    return Objects.requireNonNull(request, "request == null").model();
  }

  @Override
  public String toString() {
    return "Metered[" + delegate + "]";
  }
}
