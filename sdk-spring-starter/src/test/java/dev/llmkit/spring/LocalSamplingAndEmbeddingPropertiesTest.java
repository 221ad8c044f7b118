package dev.llmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.common.Usage;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.spring.internal.InvalidPropertyException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The local sampling defaults ({@code llmkit.local.temperature}, {@code top-k}, {@code seed} …) and
 * the embedding options ({@code embedding-max-tokens}, {@code embedding-truncate}, {@code
 * embedding-parse-special}) reach the client, checked by what the injected services produce with
 * the shared stories260K and all-MiniLM-L6-v2 models.
 */
class LocalSamplingAndEmbeddingPropertiesTest {
  private static final String PROMPT = "Once upon a time";

  private static ApplicationContextRunner chat(String... properties) {
    Path model = StarterTesting.sharedModel("stories260K/stories260K.gguf");
    return StarterTesting.runner()
        .withPropertyValues(
            "llmkit.local.model=" + model,
            "llmkit.local.threads=1",
            "llmkit.local.context-size=64",
            "llmkit.local.offline=true")
        .withPropertyValues(properties);
  }

  private static ApplicationContextRunner embeddings(String... properties) {
    Path model = StarterTesting.sharedModel("all-MiniLM-L6-v2/all-MiniLM-L6-v2-f16.gguf");
    return StarterTesting.runner()
        .withPropertyValues(
            "llmkit.local.embedding-model=" + model,
            "llmkit.local.threads=1",
            "llmkit.local.offline=true",
            "llmkit.provider=local")
        .withPropertyValues(properties);
  }

  private static String complete(CompletionService service, CompletionRequest.Builder request) {
    return service.complete(request.model("local").prompt(PROMPT).maxTokens(16).build()).text();
  }

  @Test
  void temperatureZeroMakesRequestsWithoutOneGreedy() {
    chat("llmkit.local.temperature=0")
        .run(
            context -> {
              CompletionService service = context.getBean(CompletionService.class);

              String configured = complete(service, CompletionRequest.builder());
              String greedy = complete(service, CompletionRequest.builder().temperature(0.0));

              assertThat(configured).isNotEmpty().isEqualTo(greedy);
            });
  }

  @Test
  void topKOneMakesRequestsWithoutOneGreedy() {
    chat("llmkit.local.top-k=1")
        .run(
            context -> {
              CompletionService service = context.getBean(CompletionService.class);

              String configured = complete(service, CompletionRequest.builder().temperature(2.0));
              String greedy = complete(service, CompletionRequest.builder().temperature(0.0));

              assertThat(configured).isEqualTo(greedy);
            });
  }

  @Test
  void seedMakesHotSamplingRepeatable() {
    chat(
            "llmkit.local.seed=7",
            "llmkit.local.temperature=2",
            "llmkit.local.top-k=0",
            "llmkit.local.top-p=1",
            "llmkit.local.min-p=0",
            "llmkit.local.repeat-penalty=1.1")
        .run(
            context -> {
              CompletionService service = context.getBean(CompletionService.class);

              String first = complete(service, CompletionRequest.builder());
              String second = complete(service, CompletionRequest.builder());
              String explicit =
                  complete(
                      service,
                      CompletionRequest.builder()
                          .seed(7L)
                          .temperature(2.0)
                          .topP(1.0)
                          .extraBody(
                              java.util.Map.of("top_k", 0, "min_p", 0, "repeat_penalty", 1.1)));

              assertThat(second).isEqualTo(first);
              assertThat(explicit).isEqualTo(first);
            });
  }

  @Test
  void samplingValuesOutOfRangeStopStartUpNamingTheProperty() {
    chat("llmkit.local.top-p=1.5")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(InvalidPropertyException.class)
                  .hasMessage(
                      "llmkit.local.top-p is 1.5; allowed values are above 0 and at most 1");
            });
    chat("llmkit.local.temperature=-1")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageStartingWith("llmkit.local.temperature is -1.0;"));
  }

  @Test
  void embeddingMaxTokensTruncatesByDefault() {
    embeddings("llmkit.local.embedding-max-tokens=4")
        .run(
            context -> {
              EmbeddingService service = context.getBean(EmbeddingService.class);

              Usage usage =
                  service
                      .embed(
                          EmbeddingRequest.builder()
                              .model("local")
                              .input("a long sentence about cats and dogs")
                              .build())
                      .usage()
                      .orElseThrow();

              assertThat(usage.promptTokens()).isEqualTo(4);
            });
  }

  @Test
  void embeddingTruncateFalseRejectsLongTexts() {
    embeddings("llmkit.local.embedding-max-tokens=4", "llmkit.local.embedding-truncate=false")
        .run(
            context ->
                assertThatThrownBy(
                        () ->
                            context
                                .getBean(EmbeddingService.class)
                                .embed(
                                    EmbeddingRequest.builder()
                                        .model("local")
                                        .input("a long sentence about cats and dogs")
                                        .build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("takes at most 4"));
  }

  @Test
  void embeddingParseSpecialFalseReadsSpecialTokensAsText() {
    EmbeddingRequest request = EmbeddingRequest.builder().model("local").input("[MASK]").build();
    int[] tokens = new int[2];

    embeddings()
        .run(
            context ->
                tokens[0] =
                    context
                        .getBean(EmbeddingService.class)
                        .embed(request)
                        .usage()
                        .orElseThrow()
                        .promptTokens());
    embeddings("llmkit.local.embedding-parse-special=false")
        .run(
            context ->
                tokens[1] =
                    context
                        .getBean(EmbeddingService.class)
                        .embed(request)
                        .usage()
                        .orElseThrow()
                        .promptTokens());

    assertThat(tokens[0]).as("[CLS] [MASK] [SEP]").isEqualTo(3);
    assertThat(tokens[1]).as("[CLS] [ mask ] [SEP]").isGreaterThan(3);
  }

  @Test
  void embeddingMaxTokensAboveTheModelsLimitStopsStartUpNamingTheProperty() {
    embeddings("llmkit.local.embedding-max-tokens=100000")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(IllegalArgumentException.class);
              InvalidPropertyException failure = findInvalidProperty(context.getStartupFailure());
              assertThat(failure.description())
                  .contains("llmkit.local.embedding-max-tokens")
                  .contains("100000");
            });
  }

  @Test
  void embeddingDefaultsInTheMetadataAreTheClientsDefaults() {
    assertThat(
            dev.llmkit.local.LocalEmbeddingOptions.builder()
                .maxTokens(0)
                .truncate(true)
                .parseSpecialTokens(true)
                .build())
        .isEqualTo(dev.llmkit.local.LocalEmbeddingOptions.defaults());
  }

  private static InvalidPropertyException findInvalidProperty(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidPropertyException e) {
        return e;
      }
    }
    throw new AssertionError("no InvalidPropertyException in " + failure, failure);
  }
}
