package dev.llmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.local.LocalClient;
import dev.llmkit.spring.internal.InvalidPropertyException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code llmkit.local.kv-cache-type} reaches the client: with {@code f32} the injected service
 * gives the log-probabilities of a client built with {@code kvCacheType("f32")}, with the default
 * ({@code f16}) other ones; an unknown value stops start-up naming the property and the values.
 */
class LocalKvCacheTypePropertyTest {
  private static final Path MODEL = StarterTesting.sharedModel("stories260K/stories260K.gguf");

  private static ApplicationContextRunner chat(String... properties) {
    return StarterTesting.runner()
        .withPropertyValues(
            "llmkit.local.model=" + MODEL,
            "llmkit.local.threads=1",
            "llmkit.local.context-size=64",
            "llmkit.local.offline=true")
        .withPropertyValues(properties);
  }

  private static List<Double> logprobs(CompletionService service) {
    return service
        .complete(
            CompletionRequest.builder()
                .model("local")
                .prompt("Once upon a time")
                .maxTokens(24)
                .temperature(0.0)
                .logprobs(1)
                .build())
        .choices()
        .get(0)
        .logprobs()
        .orElseThrow()
        .tokenLogprobs();
  }

  @Test
  void f32ReachesTheClientAndTheDefaultDiffers() {
    List<Double> expected;
    try (LocalClient direct =
        LocalClient.builder().model(MODEL).threads(1).contextSize(64).kvCacheType("f32").build()) {
      expected = logprobs(direct.completions());
    }

    chat("llmkit.local.kv-cache-type=f32")
        .run(
            context ->
                assertThat(logprobs(context.getBean(CompletionService.class))).isEqualTo(expected));
    chat()
        .run(
            context ->
                assertThat(logprobs(context.getBean(CompletionService.class)))
                    .isNotEqualTo(expected));
  }

  @Test
  void unknownTypeStopsStartUpNamingThePropertyAndTheAllowedValues() {
    chat("llmkit.local.kv-cache-type=q8_0")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(InvalidPropertyException.class)
                  .hasMessage("llmkit.local.kv-cache-type is q8_0; allowed values are f16 or f32");
            });
  }
}
