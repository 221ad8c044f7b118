package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatChunks;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.local.testing.SharedModels;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code maxGenerationTime} bounds a request's time once it runs: at the first token generated past
 * the bound each choice ends with finish reason "length" and the text so far, as llama.cpp's {@code
 * t_max_predict_ms} does; a bound that passes while the prompt is processed stops it at the next
 * slice of 64 tokens, and every choice ends with "length" and no text. Streams are pull-driven, so
 * a subscriber that waits lets the clock run out, which makes the cut deterministic here.
 */
class LocalMaxGenerationTimeTest {
  private static final ChatRequest LONG =
      ChatRequest.builder()
          .model("local")
          .addUserMessage("Once upon a time")
          .maxTokens(200)
          .temperature(0.0)
          .streamIncludeUsage(true)
          .build();

  private static LocalClient.Builder client() {
    return LocalClient.builder()
        .model(SharedModels.resolve("stories260K/stories260K.gguf"))
        .contextSize(256)
        .threads(1);
  }

  @Test
  void aBoundAlreadyPastEndsEveryChoiceBeforeItsPromptWithLength() {
    try (LocalClient client = client().maxGenerationTime(Duration.ofNanos(1)).build()) {
      ChatResponse r = client.chat().chat(LONG.toBuilder().n(2).build());

      assertThat(r.choices())
          .hasSize(2)
          .allSatisfy(c -> assertThat(c.finishReason()).contains(FinishReason.LENGTH))
          .allSatisfy(c -> assertThat(c.message().content()).hasValue(""));
      assertThat(r.usage().orElseThrow().completionTokens()).isZero();
      assertThat(r.usage().orElseThrow().promptTokens()).isPositive();
    }
  }

  @Test
  void aLongPromptIsStoppedBetweenSlicesWhenTheBoundPasses() {
    List<Integer> prompt = new ArrayList<>();
    Random random = new Random(3);
    for (int i = 0; i < 2_000; i++) {
      prompt.add(random.nextInt(512));
    }
    CompletionRequest request =
        CompletionRequest.builder()
            .model("local")
            .promptTokens(List.of(prompt))
            .maxTokens(1)
            .temperature(0.0)
            .build();
    try (LocalClient unbounded = client().contextSize(2_048).build();
        LocalClient bounded =
            client().contextSize(2_048).maxGenerationTime(Duration.ofMillis(20)).build()) {
      long start = System.nanoTime();
      CompletionResponse whole = unbounded.completions().complete(request);
      long wholeNanos = System.nanoTime() - start;
      start = System.nanoTime();
      CompletionResponse cut = bounded.completions().complete(request);
      long cutNanos = System.nanoTime() - start;

      assertThat(whole.choices().get(0).finishReason()).contains(FinishReason.LENGTH);
      assertThat(whole.usage().orElseThrow().completionTokens()).isEqualTo(1);
      assertThat(cut.choices().get(0).finishReason()).contains(FinishReason.LENGTH);
      assertThat(cut.choices().get(0).text()).isEmpty();
      assertThat(cut.usage().orElseThrow().completionTokens()).isZero();
      assertThat(cut.usage().orElseThrow().promptTokens()).isEqualTo(2_000);
      // 2,000 positions take 63 slices; the bound stops the prompt after the first few
      assertThat(cutNanos)
          .as("bounded %d ns, whole %d ns", cutNanos, wholeNanos)
          .isLessThan(wholeNanos / 2);
    }
  }

  @Test
  void aStreamThatRunsPastTheBoundEndsWithLengthAndKeepsItsText() throws Exception {
    try (LocalClient bounded = client().maxGenerationTime(Duration.ofMillis(300)).build();
        LocalClient unbounded = client().build()) {
      ChatResponse full = unbounded.chat().chat(LONG);

      TestSubscriber<ChatChunk> s = bounded.chat().stream(LONG).test(2);
      s.awaitCount(2);
      Thread.sleep(400); // let the time bound pass
      s.requestMore(Long.MAX_VALUE);
      s.awaitDone(30, TimeUnit.SECONDS).assertComplete();
      ChatResponse cut = ChatChunks.aggregate(Flowable.fromIterable(s.values())).blockingGet();

      assertThat(full.usage().orElseThrow().completionTokens()).isGreaterThan(3);
      assertThat(cut.choices().get(0).finishReason()).contains(FinishReason.LENGTH);
      // the two chunks read before the pause hold at most two tokens; one more ends the choice
      assertThat(cut.usage().orElseThrow().completionTokens()).isBetween(1, 3);
      assertThat(full.text()).startsWith(cut.text());
    }
  }

  @Test
  void withoutABoundTheSameRequestRunsToItsOwnEnd() throws Exception {
    try (LocalClient client = client().build()) {
      TestSubscriber<ChatChunk> s = client.chat().stream(LONG).test(2);
      s.awaitCount(2);
      Thread.sleep(400); // as long as the bounded test pauses
      s.requestMore(Long.MAX_VALUE);
      s.awaitDone(30, TimeUnit.SECONDS).assertComplete();

      List<ChatChunk> chunks = s.values();
      assertThat(
              ChatChunks.aggregate(Flowable.fromIterable(chunks))
                  .blockingGet()
                  .usage()
                  .orElseThrow()
                  .completionTokens())
          .isGreaterThan(3);
    }
  }

  @Test
  void theProviderKeyTakesADuration() throws Exception {
    Map<String, String> options =
        Map.of(
            "model",
            SharedModels.resolve("stories260K/stories260K.gguf").toString(),
            "context-size",
            "256",
            "max-generation-time",
            "PT0.000000001S");

    try (LlmClient client = Llm.client("local", options)) {
      ChatResponse r = client.chat().chat(LONG);

      assertThat(r.choices().get(0).finishReason()).contains(FinishReason.LENGTH);
      assertThat(r.usage().orElseThrow().completionTokens()).isZero();
    }
  }

  @Test
  void aNegativeBoundIsRejectedUnderItsName() {
    assertThatThrownBy(() -> client().maxGenerationTime(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxGenerationTime is PT-1S");
    assertThatThrownBy(
            () -> Llm.client("local", Map.of("model", "m.gguf", "max-generation-time", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-generation-time");
  }
}
