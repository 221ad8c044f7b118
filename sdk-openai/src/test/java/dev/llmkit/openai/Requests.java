package dev.llmkit.openai;

import dev.llmkit.chat.ChatRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared fixtures. */
final class Requests {
  private Requests() {}

  static ChatRequest hello() {
    return ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hello").build();
  }

  /** A client on WireMock with retries off and a recording sleeper. */
  static OpenAiClient.Builder client(String httpBaseUrl) {
    return OpenAiClient.builder()
        .apiKey("test-key-SECRET-1234")
        .baseUrl(httpBaseUrl + "/v1")
        .maxRetries(0)
        .clock(Clock.systemUTC());
  }

  /** Records the waits a retrying client asked for, without sleeping. */
  static final class RecordingSleeper implements dev.llmkit.openai.internal.http.Sleeper {
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
    }
  }
}
