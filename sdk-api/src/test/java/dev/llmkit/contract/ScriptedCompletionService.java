package dev.llmkit.contract;

import dev.llmkit.LlmApiException;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.common.Usage;
import dev.llmkit.completion.CompletionChoice;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.completion.CompletionService;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An in-memory {@link CompletionService} for running {@link CompletionServiceContract}. */
final class ScriptedCompletionService implements CompletionService {
  private static final List<String> FRAGMENTS = List.of("Once", " upon", " a", " time");
  private static final Usage USAGE = Usage.of(3, 4);

  @Override
  public CompletionResponse complete(CompletionRequest request) {
    Objects.requireNonNull(request, "request == null");
    check(request);
    boolean future = request.model().equals("future");
    CompletionChoice choice =
        CompletionChoice.builder()
            .index(0)
            .text(String.join("", FRAGMENTS))
            .finishReason(future ? FinishReason.of("paused") : FinishReason.LENGTH)
            .build();
    return CompletionResponse.builder()
        .id("cmpl-test-1")
        .created(1_700_000_000L)
        .model(request.model())
        .choices(List.of(choice))
        .usage(USAGE)
        .extra(future ? Map.of("future_field", true) : Map.of())
        .build();
  }

  @Override
  public Flowable<CompletionChunk> stream(CompletionRequest request) {
    Objects.requireNonNull(request, "request == null");
    return Flowable.defer(
        () -> {
          check(request);
          List<CompletionChunk> chunks = new ArrayList<>();
          for (int i = 0; i < FRAGMENTS.size(); i++) {
            CompletionChoice.Builder choice =
                CompletionChoice.builder().index(0).text(FRAGMENTS.get(i));
            if (i == FRAGMENTS.size() - 1) {
              choice.finishReason(FinishReason.LENGTH);
            }
            chunks.add(chunk(request).choices(List.of(choice.build())).build());
          }
          if (Boolean.TRUE.equals(request.streamIncludeUsage())) {
            chunks.add(chunk(request).usage(USAGE).build());
          }
          return Flowable.fromIterable(chunks);
        });
  }

  private static CompletionChunk.Builder chunk(CompletionRequest request) {
    return CompletionChunk.builder()
        .id("cmpl-test-1")
        .created(1_700_000_000L)
        .model(request.model());
  }

  private static void check(CompletionRequest request) {
    if (request.model().equals("missing")) {
      throw LlmApiException.builder("scripted", 404)
          .errorType("invalid_request_error")
          .errorCode("model_not_found")
          .param("model")
          .message("The model 'missing' does not exist")
          .build();
    }
  }
}
