package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.contract.PluginErrors;
import dev.llmkit.local.testing.SharedModels;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Disposing a local stream and closing the client right away, repeated: before the first token,
 * after it, and while the next one is being computed, for chat and completions. Nothing may reach
 * RxJavaPlugins (an undeliverable {@code LlmIoException} did in about 30 % of runs, issue 15) and
 * no inference thread may be left. {@code -Dllmkit.race=N} sets the rounds (default 200).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LocalDisposeCloseRaceTest {
  private static final int ROUNDS = Integer.getInteger("llmkit.race", 200);
  private static final ChatRequest CHAT =
      ChatRequest.builder()
          .model("local")
          .addUserMessage("Once upon a time")
          .maxTokens(200)
          .temperature(0.0)
          .build();
  private static final CompletionRequest COMPLETION =
      CompletionRequest.builder()
          .model("local")
          .prompt("Once upon a time")
          .maxTokens(200)
          .temperature(0.0)
          .build();

  @Test
  void disposingAndClosingAtOnceNeverReportsAnUndeliverableError() throws Exception {
    int before = LocalThreads.count();
    try (PluginErrors plugin = PluginErrors.track()) {
      for (int i = 0; i < ROUNDS; i++) {
        LocalClient client =
            LocalClient.builder()
                .model(SharedModels.resolve("stories260K/stories260K.gguf"))
                .contextSize(256)
                .threads(1)
                .maxConcurrentRequests(2)
                .build();
        int mode = i % 4;
        if (mode == 0) { // before the first token: disposed as soon as it is subscribed
          Disposable d = client.chat().stream(CHAT).subscribe(c -> {}, e -> {});
          d.dispose();
        } else if (mode == 1) { // after the first token
          TestSubscriber<ChatChunk> s = client.chat().stream(CHAT).test(1);
          s.awaitCount(1);
          s.cancel();
        } else if (mode == 2) { // while the next tokens are being computed, unbounded demand
          TestSubscriber<ChatChunk> s = client.chat().stream(CHAT).test();
          s.awaitCount(2);
          s.cancel();
        } else { // completions, closed first and disposed after
          TestSubscriber<CompletionChunk> s = client.completions().stream(COMPLETION).test(1);
          s.awaitCount(1);
          client.close();
          s.cancel();
        }
        client.close();
      }
      Thread.sleep(300); // errors raised after close would arrive on the inference threads
      assertThat(plugin.errors()).as("undeliverable errors in %s rounds", ROUNDS).isEmpty();
    }
    LocalThreads.awaitAtMost(before);
  }
}
