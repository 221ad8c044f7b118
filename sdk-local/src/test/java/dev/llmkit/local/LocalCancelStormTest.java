package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.contract.PluginErrors;
import dev.llmkit.local.testing.SharedModels;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancel storms on the local provider: streams cancelled after their first token, and streams
 * disposed with the client closed right after, leave no thread behind, report nothing to
 * RxJavaPlugins (no undeliverable error) and keep the client answering. {@code -Dllmkit.storm=N}
 * sets the number of streams (default 100; RELIABILITY.md records 500).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalCancelStormTest {
  private static final int STORM = Integer.getInteger("llmkit.storm", 100);
  private static final ChatRequest LONG =
      ChatRequest.builder()
          .model("local")
          .addUserMessage("Once upon a time")
          .maxTokens(200)
          .temperature(0.0)
          .build();

  private static LocalClient client() {
    return LocalClient.builder()
        .model(SharedModels.resolve("stories260K/stories260K.gguf"))
        .contextSize(256)
        .threads(2)
        .maxConcurrentRequests(2)
        .build();
  }

  private static int llmkitThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().startsWith("llmkit"))
            .count();
  }

  @Test
  void cancellingStreamsAfterTheirFirstTokenLeavesNothingBehind() throws Exception {
    int before = llmkitThreads();
    try (PluginErrors plugin = PluginErrors.track();
        LocalClient client = client()) {
      String expected = client.chat().chat(LONG).choices().get(0).message().text();
      for (int i = 0; i < STORM; i++) {
        TestSubscriber<ChatChunk> s = client.chat().stream(LONG).test(1);
        s.awaitCount(1);
        s.cancel();
      }
      assertThat(client.chat().chat(LONG).choices().get(0).message().text())
          .as("the client still answers, as before")
          .isEqualTo(expected);
      assertThat(plugin.errors()).as("undeliverable errors").isEmpty();
    }
    waitForThreads(before);
  }

  @Test
  void disposingAndClosingAtOnceReportsNoUndeliverableError() throws Exception {
    int before = llmkitThreads();
    try (PluginErrors plugin = PluginErrors.track()) {
      for (int i = 0; i < STORM / 10; i++) {
        LocalClient client = client();
        TestSubscriber<ChatChunk> s = client.chat().stream(LONG).test(1);
        s.awaitCount(1);
        s.cancel();
        client.close();
      }
      Thread.sleep(200); // errors raised after close would arrive on the inference threads
      assertThat(plugin.errors()).as("undeliverable errors").isEmpty();
    }
    waitForThreads(before);
  }

  private static void waitForThreads(int before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (llmkitThreads() > before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(llmkitThreads()).as("llmkit threads left").isLessThanOrEqualTo(before);
  }
}
