package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.local.testing.SharedModels;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * llama.cpp options in {@code extraBody}: bad values fail promptly with an {@link
 * InvalidRequestException} naming the option; none hangs or exhausts the heap.
 */
class LocalExtraOptionsTest {
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
  void nonFiniteOrOutOfRangeLlamaCppOptionsAreRejected() {
    assertInvalid(
        within5s(
            client.completions().completeAsync(once().extraBody(Map.of("min_p", "NaN")).build())),
        "min_p",
        "finite number");
    assertInvalid(
        within5s(client.completions().completeAsync(once().extraBody(Map.of("min_p", 2)).build())),
        "min_p",
        "allowed range is 0 to 1");
    assertInvalid(
        within5s(
            client
                .completions()
                .completeAsync(once().extraBody(Map.of("repeat_penalty", "Infinity")).build())),
        "repeat_penalty",
        "finite number");
    assertInvalid(
        within5s(
            client
                .completions()
                .completeAsync(once().extraBody(Map.of("repeat_last_n", -2)).build())),
        "repeat_last_n",
        "-1 (the context size), 0 (off) or more");
  }

  @Test
  void aHugeRepeatWindowIsBoundedByTheContextInsteadOfExhaustingTheHeap() {
    CompletionRequest greedy = once().temperature(0.0).maxTokens(8).build();

    TestObserver<CompletionResponse> huge =
        within5s(
            client
                .completions()
                .completeAsync(
                    greedy.toBuilder()
                        .extraBody(Map.of("repeat_last_n", 1e12, "repeat_penalty", 1.5))
                        .build()));
    TestObserver<CompletionResponse> whole =
        within5s(
            client
                .completions()
                .completeAsync(
                    greedy.toBuilder()
                        .extraBody(Map.of("repeat_last_n", -1, "repeat_penalty", 1.5))
                        .build()));
    TestObserver<CompletionResponse> context =
        within5s(
            client
                .completions()
                .completeAsync(
                    greedy.toBuilder()
                        .extraBody(Map.of("repeat_last_n", 64, "repeat_penalty", 1.5))
                        .build()));

    huge.assertNoErrors().assertComplete();
    whole.assertNoErrors().assertComplete();
    assertThat(huge.values().get(0).text())
        .isEqualTo(context.values().get(0).text())
        .isEqualTo(whole.values().get(0).text());
  }
}
