package dev.llmkit.benchmarks.http;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.openai.OpenAiClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** llmkit's {@code sdk-openai}: {@code chat().stream(...)} subscribed with callbacks. */
final class LlmkitRunner implements SdkRunner {
  private final OpenAiClient client;
  private final ChatRequest request;

  LlmkitRunner(String baseUrl) {
    client = OpenAiClient.builder().baseUrl(baseUrl).apiKey("sk-bench").build();
    request =
        ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Why is the sky blue?").build();
  }

  @Override
  public long stream() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    AtomicLong first = new AtomicLong();
    AtomicReference<Throwable> error = new AtomicReference<>();
    long start = System.nanoTime();
    client.chat().stream(request)
        .subscribe(
            chunk -> {
              if (first.get() == 0 && !chunk.text().isEmpty()) {
                first.set(System.nanoTime());
              }
            },
            e -> {
              error.set(e);
              done.countDown();
            },
            done::countDown);
    done.await();
    if (error.get() != null) {
      throw new IllegalStateException("llmkit stream failed", error.get());
    }
    return first.get() - start;
  }

  @Override
  public String chat() {
    return client.chat().chat(request).text();
  }

  @Override
  public void close() {
    client.close();
  }
}
