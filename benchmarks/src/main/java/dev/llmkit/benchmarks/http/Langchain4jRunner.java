package dev.llmkit.benchmarks.http;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** langchain4j-open-ai: {@code OpenAiStreamingChatModel} with a response handler. */
final class Langchain4jRunner implements SdkRunner {
  private final OpenAiStreamingChatModel streaming;
  private final OpenAiChatModel blocking;

  Langchain4jRunner(String baseUrl) {
    streaming =
        OpenAiStreamingChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey("sk-bench")
            .modelName("gpt-4o-mini")
            .build();
    blocking =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey("sk-bench")
            .modelName("gpt-4o-mini")
            .build();
  }

  @Override
  public long stream() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    AtomicLong first = new AtomicLong();
    AtomicReference<Throwable> error = new AtomicReference<>();
    long start = System.nanoTime();
    streaming.chat(
        "Why is the sky blue?",
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            if (first.get() == 0 && !partial.isEmpty()) {
              first.set(System.nanoTime());
            }
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.countDown();
          }

          @Override
          public void onError(Throwable e) {
            error.set(e);
            done.countDown();
          }
        });
    done.await();
    if (error.get() != null) {
      throw new IllegalStateException("langchain4j stream failed", error.get());
    }
    return first.get() - start;
  }

  @Override
  public String chat() {
    return blocking.chat("Why is the sky blue?");
  }

  @Override
  public void close() {}
}
