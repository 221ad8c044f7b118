package dev.llmkit.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.AuthenticationException;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import dev.llmkit.model.ModelService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@WireMockTest
class LlmMetricsAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      StarterTesting.runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new);

  private static ChatRequest hello() {
    return ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hi").build();
  }

  private static Timer requests(MeterRegistry registry, String capability, String outcome) {
    return registry
        .find("llmkit.requests")
        .tags(
            "capability",
            capability,
            "model",
            "gpt-4o-mini",
            "provider",
            "openai",
            "outcome",
            outcome)
        .timer();
  }

  @Test
  void chatCallRecordsOneRequestAndItsTokens(WireMockRuntimeInfo wm) {
    stubFor(post("/v1/chat/completions").willReturn(okJson(StarterTesting.CHAT_JSON)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);

              context.getBean(ChatService.class).chat(hello());

              assertThat(requests(registry, "chat", "success"))
                  .isNotNull()
                  .extracting(Timer::count)
                  .isEqualTo(1L);
              assertThat(
                      registry
                          .get("llmkit.tokens")
                          .tags("type", "input", "capability", "chat")
                          .counter()
                          .count())
                  .isEqualTo(12.0);
              assertThat(
                      registry
                          .get("llmkit.tokens")
                          .tags("type", "output", "capability", "chat")
                          .counter()
                          .count())
                  .isEqualTo(3.0);
            });
  }

  @Test
  void streamRecordsFirstTokenTokensAndKeepsItsChunks(WireMockRuntimeInfo wm) {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(StarterTesting.CHAT_SSE)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);

              TestSubscriber<String> chunks =
                  context.getBean(ChatService.class).stream(hello())
                      .map(ChatChunk::text)
                      .filter(text -> !text.isEmpty())
                      .test();

              chunks.awaitDone(5, TimeUnit.SECONDS).assertValues("Hel", "lo").assertComplete();
              verify(
                  postRequestedFor(urlEqualTo("/v1/chat/completions"))
                      .withRequestBody(
                          matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
              assertThat(
                      registry
                          .get("llmkit.stream.first-token")
                          .tags("capability", "chat")
                          .timer()
                          .count())
                  .isEqualTo(1L);
              assertThat(requests(registry, "chat", "success").count()).isEqualTo(1L);
              assertThat(registry.get("llmkit.tokens").tags("type", "output").counter().count())
                  .isEqualTo(2.0);
            });
  }

  @Test
  void disposedStreamIsRecordedAsCancelled(WireMockRuntimeInfo wm) {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(StarterTesting.CHAT_SSE)
                    .withChunkedDribbleDelay(5, 2000)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              TestSubscriber<ChatChunk> subscriber =
                  context.getBean(ChatService.class).stream(hello()).test();

              subscriber.awaitCount(1);
              subscriber.cancel();

              assertThat(requests(registry, "chat", "cancelled").count()).isEqualTo(1L);
              assertThat(registry.find("llmkit.requests").tags("outcome", "success").timer())
                  .isNull();
            });
  }

  @Test
  void failedCallCountsErrorByExceptionType(WireMockRuntimeInfo wm) {
    stubFor(
        get("/v1/models")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(StarterTesting.UNAUTHORIZED_JSON)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);

              assertThatThrownBy(() -> context.getBean(ModelService.class).list())
                  .isInstanceOf(AuthenticationException.class);

              assertThat(
                      registry
                          .get("llmkit.errors")
                          .tags(
                              "type",
                              "AuthenticationException",
                              "capability",
                              "models",
                              "provider",
                              "openai")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
              assertThat(
                      registry
                          .get("llmkit.requests")
                          .tags("capability", "models", "outcome", "error")
                          .timer()
                          .count())
                  .isEqualTo(1L);
            });
  }

  @Test
  void servicesAreNotWrappedWithoutMeterRegistry() {
    StarterTesting.runner()
        .withPropertyValues("llmkit.openai.api-key=k")
        .run(
            context -> {
              LlmClient client = context.getBean(LlmClient.class);

              assertThat(context.getBean(ChatService.class)).isSameAs(client.chat());
            });
  }

  @Test
  void servicesAreNotWrappedWhenMetricsAreSwitchedOff() {
    runner
        .withPropertyValues("llmkit.openai.api-key=k", "llmkit.metrics.enabled=false")
        .run(
            context ->
                assertThat(context.getBean(ChatService.class))
                    .isSameAs(context.getBean(LlmClient.class).chat()));
  }

  @Test
  void applicationServiceBeansAreLeftAlone() {
    ChatService mine = new NoChat();

    runner
        .withPropertyValues("llmkit.openai.api-key=k")
        .withBean(ChatService.class, () -> mine)
        .run(context -> assertThat(context.getBean(ChatService.class)).isSameAs(mine));
  }

  private static final class NoChat implements ChatService {
    @Override
    public dev.llmkit.chat.ChatResponse chat(ChatRequest request) {
      throw new UnsupportedOperationException("not called in this test");
    }

    @Override
    public io.reactivex.rxjava3.core.Flowable<ChatChunk> stream(ChatRequest request) {
      return io.reactivex.rxjava3.core.Flowable.empty();
    }
  }
}
