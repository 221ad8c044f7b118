package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.testing.SharedModels;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Concurrent requests on one client have their generation steps batched; each request's output must
 * be exactly what it is when the request runs alone: greedy and seeded sampling, different
 * max_tokens, a stop sequence, JSON mode, a stream cancelled in the middle, and a request arriving
 * while others are generating.
 */
class LocalBatchingTest {
  private static final Path MODEL = SharedModels.resolve("stories260K/stories260K-Q8_0.gguf");

  private static LocalClient client(int concurrent, int batch) {
    return client(MODEL, concurrent, batch);
  }

  private static LocalClient client(Path model, int concurrent, int batch) {
    return LocalClient.builder()
        .model(model)
        .contextSize(256)
        .threads(2)
        .maxConcurrentRequests(concurrent)
        .maxBatchSize(batch)
        .downloadListener(DownloadListener.none())
        .build();
  }

  private static List<CompletionRequest> requests() {
    CompletionRequest.Builder base = CompletionRequest.builder().model("local");
    return List.of(
        base.prompt("Once upon a time").temperature(0.0).maxTokens(40).build(),
        base.prompt("The little dog").temperature(1.0).seed(7L).maxTokens(25).build(),
        base.prompt("Lily and Ben went to the park")
            .temperature(0.0)
            .maxTokens(60)
            .stop(List.of(" park"))
            .build(),
        base.prompt("One day, a bird").temperature(0.8).seed(3L).maxTokens(12).build());
  }

  private static Flowable<CompletionChunk> stream(LocalClient c, CompletionRequest r) {
    return c.completions().stream(r);
  }

  private static String text(List<CompletionChunk> chunks) {
    return chunks.stream().map(CompletionChunk::text).collect(Collectors.joining());
  }

  private static List<String> alone(List<CompletionRequest> requests) {
    return alone(MODEL, requests);
  }

  private static List<String> alone(Path model, List<CompletionRequest> requests) {
    try (LocalClient c = client(model, 1, 1)) {
      List<String> texts = new ArrayList<>();
      for (CompletionRequest r : requests) {
        texts.add(text(stream(c, r).toList().blockingGet()));
      }
      return texts;
    }
  }

  /**
   * Q8_0 decodes its weights in registers for a lone step and into a scratch row for a batch; F16
   * and Q4_0 cover the other kernels. Alone means one request on a client with batch size 1.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "stories260K/stories260K-Q8_0.gguf",
        "stories260K/stories260K-Q4_0.gguf",
        "stories260K/stories260K-F16.gguf"
      })
  void concurrentRequestsGiveTheirAloneOutputs(String file) {
    Path model = SharedModels.resolve(file);
    List<CompletionRequest> requests = requests();
    List<String> expected = alone(model, requests);

    try (LocalClient c = client(model, 4, 8)) {
      List<Single<String>> running = new ArrayList<>();
      for (CompletionRequest r : requests) {
        running.add(
            stream(c, r)
                .subscribeOn(Schedulers.io())
                .toList()
                .map(LocalBatchingTest::text)
                .cache());
      }
      running.forEach(Single::subscribe); // all four at once
      List<String> texts = running.stream().map(Single::blockingGet).collect(Collectors.toList());

      assertThat(texts).containsExactlyElementsOf(expected);
    }
    assertThat(expected.get(2))
        .as("the stop string ends the third request early")
        .doesNotContain(" park");
  }

  @Test
  void cancellingOneStreamAndALateRequestLeaveTheOthersUnchanged() throws Exception {
    List<CompletionRequest> requests = requests();
    List<String> expected = alone(requests);

    try (LocalClient c = client(4, 3)) { // batch size below the request count
      CountDownLatch started = new CountDownLatch(1);
      Single<String> first =
          stream(c, requests.get(0))
              .subscribeOn(Schedulers.io())
              .doOnNext(x -> started.countDown())
              .toList()
              .map(LocalBatchingTest::text)
              .cache();
      first.subscribe();
      // Cancelled after three chunks, while its steps are batched with the first request's.
      Single<List<CompletionChunk>> cancelled =
          stream(c, requests.get(1)).subscribeOn(Schedulers.io()).take(3).toList().cache();
      cancelled.subscribe();
      assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
      Single<String> late =
          stream(c, requests.get(2))
              .subscribeOn(Schedulers.io())
              .toList()
              .map(LocalBatchingTest::text)
              .cache();
      late.subscribe();
      String last = text(stream(c, requests.get(3)).toList().blockingGet());

      assertThat(cancelled.blockingGet()).hasSize(3);
      assertThat(first.blockingGet()).isEqualTo(expected.get(0));
      assertThat(late.blockingGet()).isEqualTo(expected.get(2));
      assertThat(last).isEqualTo(expected.get(3));
      // The client goes on serving after the cancellation.
      assertThat(text(stream(c, requests.get(1)).toList().blockingGet()))
          .isEqualTo(expected.get(1));
    }
  }

  @Test
  void jsonModeRequestsAreBatchedWithPlainOnes() {
    ChatRequest json =
        ChatRequest.builder()
            .model("local")
            .addUserMessage("Tell a story")
            .responseFormat(ResponseFormat.JSON_OBJECT)
            .temperature(0.0)
            .maxTokens(30)
            .build();
    CompletionRequest plain = requests().get(0);
    String jsonAlone;
    String plainAlone;
    try (LocalClient c = client(1, 1)) {
      jsonAlone = chatText(c, json).blockingGet();
      plainAlone = text(stream(c, plain).toList().blockingGet());
    }

    try (LocalClient c = client(2, 8)) {
      Single<String> a = chatText(c, json).subscribeOn(Schedulers.io()).cache();
      Single<String> b =
          stream(c, plain)
              .subscribeOn(Schedulers.io())
              .toList()
              .map(LocalBatchingTest::text)
              .cache();
      a.subscribe();
      b.subscribe();

      assertThat(a.blockingGet()).isEqualTo(jsonAlone).startsWith("{");
      assertThat(b.blockingGet()).isEqualTo(plainAlone);
    }
  }

  private static Single<String> chatText(LocalClient c, ChatRequest r) {
    return c.chat().stream(r).map(ChatChunk::text).toList().map(l -> String.join("", l));
  }
}
