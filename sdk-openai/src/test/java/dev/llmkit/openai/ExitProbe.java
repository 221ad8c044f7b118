package dev.llmkit.openai;

import dev.llmkit.chat.ChatRequest;

/**
 * A program that uses a client (blocking, async and streamed calls) and closes it, run in a child
 * JVM by {@link OpenAiClientExitTest}. Without {@code close()} OkHttp's non-daemon dispatcher
 * threads would keep that JVM alive for a minute.
 */
public final class ExitProbe {
  private ExitProbe() {}

  public static void main(String[] args) {
    ChatRequest request =
        ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hello").build();
    try (OpenAiClient client = OpenAiClient.builder().apiKey("k").baseUrl(args[0]).build()) {
      client.chat().chat(request);
      client.chat().chatAsync(request).blockingGet();
      if (args.length > 1) {
        client.chat().stream(request).blockingSubscribe();
      }
    }
  }
}
