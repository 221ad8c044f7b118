package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.LlmIoException;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.local.internal.model.TinyBert;
import dev.llmkit.local.testing.SharedModels;
import dev.llmkit.moderation.ModerationService;
import dev.llmkit.testing.Await;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a client fails every request that is idle, waiting or new with {@link LlmIoException}
 * through onError, promptly: nothing hangs on the stopped inference threads.
 */
class LocalClientCloseTest {
  @TempDir Path dir;

  private static LocalClient newClient(int concurrent) {
    return LocalClient.builder()
        .model(SharedModels.resolve("stories260K/stories260K.gguf"))
        .contextSize(128)
        .threads(1)
        .maxConcurrentRequests(concurrent)
        .build();
  }

  private static CompletionRequest longCompletion() {
    return CompletionRequest.builder()
        .model("m")
        .prompt("Once upon a time")
        .temperature(0.0)
        .maxTokens(100)
        .build();
  }

  private static void assertFailedAsClosed(TestSubscriber<?> s) {
    s.awaitDone(5, TimeUnit.SECONDS); // cancels on timeout; assertError then reports "timeout!"
    s.assertError(
        e ->
            e instanceof LlmIoException
                && String.valueOf(e.getMessage()).contains("client closed"));
  }

  private static void assertFailedAsClosed(TestObserver<?> o) {
    o.awaitDone(5, TimeUnit.SECONDS);
    o.assertError(
        e ->
            e instanceof LlmIoException
                && String.valueOf(e.getMessage()).contains("client closed"));
  }

  @Test
  void requestingMoreFromAnIdleStreamAfterCloseFailsPromptly() {
    LocalClient client = newClient(1);
    TestSubscriber<CompletionChunk> idle = new TestSubscriber<>(1);
    client.completions().stream(longCompletion()).subscribe(idle);
    idle.awaitCount(1);

    client.close();
    idle.request(5);

    assertFailedAsClosed(idle);
  }

  @Test
  void closingWhileTokensAreBeingComputedFailsTheRunningStreams() {
    LocalClient client =
        LocalClient.builder()
            .model(SharedModels.resolve("stories260K/stories260K.gguf"))
            .contextSize(128)
            .threads(2)
            .maxConcurrentRequests(2)
            .build();
    CompletionRequest endless =
        longCompletion().toBuilder()
            .maxTokens(120)
            .extraBody(java.util.Map.of("ignore_eos", true))
            .build();
    TestSubscriber<CompletionChunk> first = client.completions().stream(endless).test();
    TestSubscriber<CompletionChunk> second = client.completions().stream(endless).test();
    first.awaitCount(3);

    client.close();

    assertFailedAsClosed(first);
    assertFailedAsClosed(second);
  }

  @Test
  void idleChatStreamAfterCloseFailsPromptly() {
    LocalClient client = newClient(1);
    TestSubscriber<ChatChunk> idle = new TestSubscriber<>(2);
    client.chat().stream(
            ChatRequest.builder()
                .model("m")
                .addUserMessage("Hi")
                .temperature(0.0)
                .maxCompletionTokens(100)
                .build())
        .subscribe(idle);
    idle.awaitCount(2);

    client.close();
    idle.request(1);

    assertFailedAsClosed(idle);
  }

  @Test
  void aRequestWaitingForASlotFailsWhenTheClientCloses() {
    LocalClient client = newClient(1);
    TestSubscriber<CompletionChunk> idle = new TestSubscriber<>(1);
    client.completions().stream(longCompletion()).subscribe(idle);
    idle.awaitCount(1);
    TestSubscriber<CompletionChunk> waiting = client.completions().stream(longCompletion()).test();

    client.close();

    assertFailedAsClosed(waiting);
    idle.cancel();
  }

  @Test
  void streamsSubscribedAfterCloseFailPromptly() {
    LocalClient client = newClient(2);
    var completions = client.completions().stream(longCompletion());
    var chats = client.chat().stream(ChatRequest.builder().model("m").addUserMessage("Hi").build());
    client.close();

    assertFailedAsClosed(completions.test());
    assertFailedAsClosed(chats.test());
  }

  @Test
  void asyncCallsAfterCloseFailPromptly() {
    LocalClient client = newClient(1);
    client.close();

    TestObserver<CompletionResponse> completion =
        client.completions().completeAsync(longCompletion()).test();
    TestObserver<ChatResponse> chat =
        client
            .chat()
            .chatAsync(
                ChatRequest.builder()
                    .model("m")
                    .addUserMessage("Hi")
                    .maxCompletionTokens(3)
                    .build())
            .test();

    assertFailedAsClosed(completion);
    assertFailedAsClosed(chat);
  }

  @Test
  void closingDuringEmbeddingCallsFailsThemAsClosed() throws Exception {
    TinyBert bert = new TinyBert(dir.resolve("busy-bert.gguf"), 1, 3);
    LocalClient client =
        LocalClient.builder()
            .model(SharedModels.resolve("stories260K/stories260K.gguf"))
            .threads(2)
            .embeddingModel(bert.file)
            .dataDir(dir.resolve("data"))
            .build();
    EmbeddingRequest request =
        EmbeddingRequest.builder()
            .model("m")
            .inputs(java.util.Collections.nCopies(64, "hello world the cafe ".repeat(4)))
            .build();
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CompletableFuture<Throwable> failure =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              while (true) {
                try {
                  client.embeddings().embed(request);
                  done.incrementAndGet();
                } catch (RuntimeException e) {
                  return e;
                }
              }
            });
    Await.until("a first embedding batch", Duration.ofSeconds(30), () -> done.get() > 0);

    client.close();

    assertThat(failure.get(5, TimeUnit.SECONDS))
        .isInstanceOf(LlmIoException.class)
        .hasMessageContaining("client closed");
  }

  @Test
  void embeddingsAndModerationAfterCloseFailWithLlmIoException() {
    TinyBert bert = new TinyBert(dir.resolve("tiny-bert.gguf"), 1, 3);
    Path stories = SharedModels.resolve("stories260K/stories260K.gguf");
    LocalClient client =
        LocalClient.builder()
            .model(stories)
            .threads(1)
            .embeddingModel(bert.file)
            .moderationModel(stories)
            .dataDir(dir.resolve("data"))
            .build();
    EmbeddingService embeddings = client.embeddings();
    ModerationService moderation = client.moderation();
    client.close();

    EmbeddingRequest request = EmbeddingRequest.builder().model("m").input("hello").build();
    assertThatThrownBy(() -> embeddings.embed(request))
        .isInstanceOf(LlmIoException.class)
        .hasMessageContaining("client closed");
    assertFailedAsClosed(client.embeddings().embedAsync(request).test());
    assertThatThrownBy(() -> moderation.moderate("hello"))
        .isInstanceOf(LlmIoException.class)
        .hasMessageContaining("client closed");
  }
}
