package dev.llmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.chat.ChatChunk;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The meters on the local provider (issue 14): tagged with the model that ran, not the one the
 * request named, and streamed tokens counted although the caller did not ask for usage.
 */
class LocalMetricsTest {
  private ApplicationContextRunner runner;

  @BeforeEach
  void setUp() {
    Path model = StarterTesting.sharedModel("stories260K/stories260K.gguf");
    runner =
        StarterTesting.runner()
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues(
                "llmkit.local.model=" + model,
                "llmkit.local.threads=1",
                "llmkit.local.context-size=64",
                "llmkit.local.offline=true");
  }

  private static CompletionRequest.Builder request() {
    return CompletionRequest.builder()
        .model("whatever-the-caller-wrote")
        .prompt("Once upon a time")
        .maxTokens(5)
        .temperature(0.0);
  }

  @Test
  void blockingCallIsTaggedWithTheLoadedModel() {
    runner.run(
        context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);

          int output =
              context
                  .getBean(CompletionService.class)
                  .complete(request().build())
                  .usage()
                  .orElseThrow()
                  .completionTokens();

          assertThat(
                  registry
                      .get("llmkit.requests")
                      .tags("model", "stories260K", "outcome", "success")
                      .timer()
                      .count())
              .isEqualTo(1);
          assertThat(
                  registry
                      .find("llmkit.requests")
                      .tags("model", "whatever-the-caller-wrote")
                      .timer())
              .isNull();
          assertThat(
                  registry
                      .get("llmkit.tokens")
                      .tags("model", "stories260K", "type", "output")
                      .counter()
                      .count())
              .isEqualTo(output);
        });
  }

  @Test
  void streamWithoutUsageRequestIsCountedAndTheCallerSeesNoUsageChunk() {
    runner.run(
        context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);

          List<CompletionChunk> chunks =
              context.getBean(CompletionService.class).stream(request().build())
                  .toList()
                  .blockingGet();

          assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.choices()).isNotEmpty());
          Counter output =
              registry
                  .get("llmkit.tokens")
                  .tags("model", "stories260K", "type", "output")
                  .counter();
          assertThat(output.count()).isBetween(1.0, 5.0);
          assertThat(registry.get("llmkit.tokens").tags("type", "input").counter().count())
              .isPositive();
          assertThat(
                  registry
                      .get("llmkit.stream.first-token")
                      .tags("model", "stories260K")
                      .timer()
                      .count())
              .isEqualTo(1);
        });
  }

  @Test
  void streamWhoseCallerAsksForUsageStillGetsTheUsageChunk() {
    runner.run(
        context -> {
          List<CompletionChunk> chunks =
              context.getBean(CompletionService.class).stream(
                      request().streamIncludeUsage(true).build())
                  .toList()
                  .blockingGet();

          assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
          assertThat(chunks.get(chunks.size() - 1).choices()).isEmpty();
        });
  }

  @Test
  void tokenMeterHasOneDescriptionForBothTypes() {
    runner.run(
        context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          context.getBean(CompletionService.class).complete(request().build());

          String input =
              registry
                  .get("llmkit.tokens")
                  .tags("type", "input")
                  .counter()
                  .getId()
                  .getDescription();
          String output =
              registry
                  .get("llmkit.tokens")
                  .tags("type", "output")
                  .counter()
                  .getId()
                  .getDescription();

          assertThat(input).isEqualTo(output).contains("input", "output");
        });
  }

  @Test
  void chatStreamIsCountedToo() {
    runner.run(
        context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);

          List<ChatChunk> chunks =
              context.getBean(dev.llmkit.chat.ChatService.class).stream(
                      dev.llmkit.chat.ChatRequest.builder()
                          .model("local")
                          .addUserMessage("Hi")
                          .maxTokens(3)
                          .temperature(0.0)
                          .build())
                  .toList()
                  .blockingGet();

          assertThat(chunks).allSatisfy(c -> assertThat(c.usage()).isEmpty());
          assertThat(
                  registry
                      .get("llmkit.tokens")
                      .tags("capability", "chat", "type", "output", "model", "stories260K")
                      .counter()
                      .count())
              .isBetween(1.0, 3.0);
        });
  }
}
