package dev.llmkit.spring.internal.metrics;

import dev.llmkit.Capability;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.completion.CompletionService;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/**
 * Records {@link LlmMeters} around a {@link CompletionService}; streams keep their semantics and
 * have their usage counted as in {@link MeteredChatService}.
 */
final class MeteredCompletionService implements CompletionService {
  private final CompletionService delegate;
  private final LlmMeters meters;

  MeteredCompletionService(CompletionService delegate, LlmMeters meters) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.meters = Objects.requireNonNull(meters, "meters == null");
  }

  private static final LlmMeters.Answer<CompletionResponse> RESPONSE =
      new LlmMeters.Answer<>(CompletionResponse::usage, CompletionResponse::model);
  private static final LlmMeters.Answer<CompletionChunk> CHUNK =
      new LlmMeters.Answer<>(CompletionChunk::usage, CompletionChunk::model);

  @Override
  public CompletionResponse complete(CompletionRequest request) {
    return meters.call(
        Capability.COMPLETIONS, model(request), () -> delegate.complete(request), RESPONSE);
  }

  @Override
  public Flowable<CompletionChunk> stream(CompletionRequest request) {
    boolean callerWantsUsage =
        Boolean.TRUE.equals(
            Objects.requireNonNull(request, "request == null").streamIncludeUsage());
    Flowable<CompletionChunk> source =
        delegate.stream(
            callerWantsUsage ? request : request.toBuilder().streamIncludeUsage(true).build());
    Flowable<CompletionChunk> metered =
        meters.stream(Capability.COMPLETIONS, request.model(), source, CHUNK, true);
    return callerWantsUsage
        ? metered
        : metered.filter(c -> !(c.choices().isEmpty() && c.usage().isPresent()));
  }

  @Override
  public Single<CompletionResponse> completeAsync(CompletionRequest request) {
    Single<CompletionResponse> source = delegate.completeAsync(request);
    return meters.single(Capability.COMPLETIONS, request.model(), source, RESPONSE);
  }

  private static String model(CompletionRequest request) {
    return Objects.requireNonNull(request, "request == null").model();
  }

  @Override
  public String toString() {
    return "Metered[" + delegate + "]";
  }
}
