package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.local.testing.SharedModels;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Odd and bad request values on stories260K: each either works or fails promptly with an {@link
 * InvalidRequestException} naming the parameter; none hangs or leaks a raw exception.
 */
class LocalBadInputTest {
  private static LocalClient client;

  @BeforeAll
  static void load() {
    client =
        LocalClient.builder()
            .model(SharedModels.resolve("stories260K/stories260K.gguf"))
            .contextSize(64)
            .threads(1)
            .build();
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  private static CompletionRequest.Builder once() {
    return CompletionRequest.builder().model("m").prompt("Once upon a time").maxTokens(3);
  }

  private static ChatRequest.Builder hi() {
    return ChatRequest.builder().model("m").addUserMessage("Hi").maxCompletionTokens(3);
  }

  /** Waits at most 5 s, so a hang fails the test instead of blocking the build. */
  private static <T> TestObserver<T> within5s(Single<T> call) {
    TestObserver<T> o = call.test();
    o.awaitDone(5, TimeUnit.SECONDS);
    return o;
  }

  private static void assertInvalid(TestObserver<?> o, String param, String message) {
    o.assertError(
        e ->
            e instanceof InvalidRequestException
                && ((InvalidRequestException) e).param().equals(java.util.Optional.of(param))
                && String.valueOf(e.getMessage()).contains(message));
  }

  @Test
  void chatNAbove128IsRejectedInsteadOfGeneratingForever() {
    TestObserver<?> o = within5s(client.chat().chatAsync(hi().n(Integer.MAX_VALUE).build()));

    assertInvalid(o, "n", "allowed range is 1 to 128");
  }

  @Test
  void emptyAndSpecialOnlyPromptsAreContinued() {
    CompletionResponse empty = client.completions().complete(once().prompt("").build());
    CompletionResponse special = client.completions().complete(once().prompt("<s></s>").build());
    String chat =
        client
            .chat()
            .chat(
                ChatRequest.builder()
                    .model("m")
                    .addUserMessage("</s><s>")
                    .maxCompletionTokens(3)
                    .build())
            .text();

    assertThat(empty.usage().orElseThrow().promptTokens()).as("just BOS").isEqualTo(1);
    assertThat(empty.choices().get(0).finishReason()).isPresent();
    assertThat(special.usage().orElseThrow().promptTokens()).isGreaterThan(1);
    assertThat(chat).isNotNull();
  }

  @Test
  void emptyStopStringsAreIgnoredAndNegativeSeedsWork() {
    CompletionRequest seeded = once().temperature(1.0).seed(-5L).build();

    String plain = client.completions().complete(seeded).text();
    String withEmptyStop =
        client.completions().complete(seeded.toBuilder().stop(List.of("", "zzz")).build()).text();
    String chat = client.chat().chat(hi().stop(List.of("")).seed(-1L).build()).text();

    assertThat(withEmptyStop).isEqualTo(plain).isNotEmpty();
    assertThat(chat).isNotNull();
  }

  @Test
  void aStreamSubscribedTwiceRunsTwiceEvenAtOnce() {
    Flowable<CompletionChunk> stream = client.completions().stream(once().temperature(0.0).build());

    TestObserver<List<List<CompletionChunk>>> both =
        within5s(stream.toList().mergeWith(stream.toList()).toList());

    both.assertNoErrors().assertComplete();
    List<List<CompletionChunk>> runs = both.values().get(0);
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).size()).isEqualTo(runs.get(1).size()).isPositive();
  }

  @Test
  void logitBiasKeysThatAreNoTokenIdsNameTheParameter() {
    assertInvalid(
        within5s(
            client.completions().completeAsync(once().logitBias(Map.of("99999999999", 1)).build())),
        "logit_bias",
        "not a token id");
    assertInvalid(
        within5s(client.chat().chatAsync(hi().logitBias(Map.of("-1", 1)).build())),
        "logit_bias",
        "vocabulary has ids 0 to 511");
  }

  @Test
  void jsonModeWithRoomForOneTokenNamesTheLimitInsteadOfFailingInTheSampler() {
    TestObserver<?> o =
        within5s(
            client
                .chat()
                .chatAsync(
                    hi().responseFormat(ResponseFormat.JSON_OBJECT)
                        .maxCompletionTokens(1)
                        .build()));
    String two =
        client
            .chat()
            .chat(
                hi().responseFormat(ResponseFormat.JSON_OBJECT)
                    .temperature(0.0)
                    .maxCompletionTokens(2)
                    .build())
            .text();

    assertInvalid(o, "max_completion_tokens", "needs at least 2 tokens");
    assertThat(two).isEqualTo("{}");
  }

  @Test
  void maxTokensZeroNamesTheParameter() {
    assertThatThrownBy(() -> client.completions().complete(once().maxTokens(0).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("max_tokens >= 1");
  }
}
