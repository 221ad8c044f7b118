package dev.llmkit.benchmarks.http;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.Iterator;

/** openai-java (the official SDK, OkHttp client): {@code createStreaming} read as a Java stream. */
final class OpenAiJavaRunner implements SdkRunner {
  private final OpenAIClient client;
  private final ChatCompletionCreateParams params;

  OpenAiJavaRunner(String baseUrl) {
    client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("sk-bench").build();
    params =
        ChatCompletionCreateParams.builder()
            .model(ChatModel.GPT_4O_MINI)
            .addUserMessage("Why is the sky blue?")
            .build();
  }

  @Override
  public long stream() {
    long start = System.nanoTime();
    long first = 0;
    try (StreamResponse<ChatCompletionChunk> response =
        client.chat().completions().createStreaming(params)) {
      Iterator<ChatCompletionChunk> it = response.stream().iterator();
      while (it.hasNext()) {
        ChatCompletionChunk chunk = it.next();
        if (first == 0
            && !chunk.choices().isEmpty()
            && !chunk.choices().get(0).delta().content().orElse("").isEmpty()) {
          first = System.nanoTime();
        }
      }
    }
    return first - start;
  }

  @Override
  public String chat() {
    return client
        .chat()
        .completions()
        .create(params)
        .choices()
        .get(0)
        .message()
        .content()
        .orElse("");
  }

  @Override
  public void close() {
    client.close();
  }
}
