package dev.llmkit.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import dev.llmkit.Capability;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.model.ModelService;
import dev.llmkit.openai.OpenAiClient;
import dev.llmkit.spring.internal.CapabilityServiceFactoryBean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

@WireMockTest
class OpenAiAutoConfigurationTest {
  private final ApplicationContextRunner runner = StarterTesting.runner();

  private static ChatRequest hello() {
    return ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hi").build();
  }

  @Test
  void createsOpenAiClientAndServicesForItsCapabilities() {
    runner
        .withPropertyValues("llmkit.openai.api-key=test-key")
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .hasSingleBean(OpenAiClient.class)
                  .hasSingleBean(ChatService.class)
                  .hasSingleBean(CompletionService.class)
                  .hasSingleBean(ModelService.class);
              LlmClient client = context.getBean(LlmClient.class);
              assertThat(context.getBean(ChatService.class)).isSameAs(client.chat());
            });
  }

  @Test
  void applicationBeansCreatedFirstGetTheServicesInjected() {
    runner
        .withPropertyValues("llmkit.openai.api-key=test-key")
        .withUserConfiguration(ChatUser.class)
        .run(
            context -> {
              ChatUser user = context.getBean(ChatUser.class);

              LlmClient client = context.getBean(LlmClient.class);

              assertThat(user.chat).isSameAs(client.chat());
              assertThat(user.embeddings)
                  .isSameAs(client.supports(Capability.EMBEDDINGS) ? client.embeddings() : null);
            });
  }

  @Test
  void registersServiceBeansExactlyForTheClientsCapabilities() {
    runner
        .withPropertyValues("llmkit.openai.api-key=test-key")
        .run(
            context -> {
              LlmClient client = context.getBean(LlmClient.class);

              for (Capability capability : Capability.values()) {
                Class<?> type = CapabilityServiceFactoryBean.serviceType(capability);
                assertThat(context.getBeanNamesForType(type))
                    .as(capability.id())
                    .hasSize(client.supports(capability) ? 1 : 0);
              }
            });
  }

  @Test
  void mapsPropertiesToTheClient(WireMockRuntimeInfo wm) {
    stubFor(post("/v1/chat/completions").willReturn(okJson(StarterTesting.CHAT_JSON)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .withPropertyValues(
            "llmkit.openai.organization=org-1",
            "llmkit.openai.project=proj-1",
            "llmkit.openai.headers.X-Team=search")
        .run(
            context -> {
              String text = context.getBean(ChatService.class).chat(hello()).text();

              assertThat(text).isEqualTo("Hello!");
              verify(
                  postRequestedFor(urlEqualTo("/v1/chat/completions"))
                      .withHeader("Authorization", equalTo("Bearer test-key"))
                      .withHeader("OpenAI-Organization", equalTo("org-1"))
                      .withHeader("OpenAI-Project", equalTo("proj-1"))
                      .withHeader("X-Team", equalTo("search")));
            });
  }

  @Test
  void customizersRunInOrderAfterTheProperties(WireMockRuntimeInfo wm) {
    stubFor(get("/v1/models").willReturn(okJson(StarterTesting.MODELS_JSON)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .withPropertyValues("llmkit.openai.headers.X-Step=properties")
        .withUserConfiguration(Customizers.class)
        .run(
            context -> {
              context.getBean(ModelService.class).list();

              verify(
                  getRequestedFor(urlEqualTo("/v1/models"))
                      .withHeader("X-Step", equalTo("second")));
            });
  }

  @Test
  void fallsBackToOpenAiApiKeyVariable(WireMockRuntimeInfo wm) {
    stubFor(get("/v1/models").willReturn(okJson(StarterTesting.MODELS_JSON)));

    runner
        .withPropertyValues(
            "OPENAI_API_KEY=env-key", "llmkit.openai.base-url=" + wm.getHttpBaseUrl() + "/v1")
        .run(
            context -> {
              context.getBean(ModelService.class).list();

              verify(
                  getRequestedFor(urlEqualTo("/v1/models"))
                      .withHeader("Authorization", equalTo("Bearer env-key")));
            });
  }

  @Test
  void userClientWins() {
    OpenAiClient mine = OpenAiClient.builder().apiKey("mine").build();

    runner
        .withPropertyValues("llmkit.openai.api-key=test-key")
        .withBean("myClient", LlmClient.class, () -> mine)
        .run(
            context -> {
              assertThat(context).hasSingleBean(LlmClient.class);
              assertThat(context.getBean(LlmClient.class)).isSameAs(mine);
              assertThat(context.getBean(ChatService.class)).isSameAs(mine.chat());
            });
    mine.close();
  }

  @Test
  void servicesComeFromThePrimaryOfSeveralClients() {
    OpenAiClient primary = OpenAiClient.builder().apiKey("primary").build();
    OpenAiClient other = OpenAiClient.builder().apiKey("other").build();

    runner
        .withBean("otherClient", LlmClient.class, () -> other)
        .withBean("primaryClient", LlmClient.class, () -> primary, bd -> bd.setPrimary(true))
        .run(context -> assertThat(context.getBean(ChatService.class)).isSameAs(primary.chat()));
    primary.close();
    other.close();
  }

  @Test
  void userClientWinsEvenWithoutAnyLlmkitProperty() {
    OpenAiClient mine = OpenAiClient.builder().apiKey("mine").build();

    runner
        .withBean(OpenAiClient.class, () -> mine)
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(ChatService.class);
            });
    mine.close();
  }

  @Test
  void userChatServiceWinsAndOtherServicesStay() {
    ChatService mine =
        new ChatService() {
          @Override
          public dev.llmkit.chat.ChatResponse chat(ChatRequest request) {
            throw new UnsupportedOperationException("not called");
          }

          @Override
          public io.reactivex.rxjava3.core.Flowable<dev.llmkit.chat.ChatChunk> stream(
              ChatRequest request) {
            return io.reactivex.rxjava3.core.Flowable.empty();
          }
        };

    runner
        .withPropertyValues("llmkit.openai.api-key=test-key")
        .withBean(ChatService.class, () -> mine)
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(ChatService.class)
                  .hasSingleBean(ModelService.class);
              assertThat(context.getBean(ChatService.class)).isSameAs(mine);
            });
  }

  @Test
  void closesTheClientWithTheContext() {
    AtomicReference<ChatService> chat = new AtomicReference<>();

    runner
        .withPropertyValues("llmkit.openai.api-key=test-key")
        .run(context -> chat.set(context.getBean(ChatService.class)));

    assertThatThrownBy(() -> chat.get().chat(hello()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void targetsAzureWhenEndpointIsSet(WireMockRuntimeInfo wm) {
    stubFor(
        post(urlEqualTo("/openai/deployments/chat-dep/chat/completions?api-version=2024-10-21"))
            .willReturn(okJson(StarterTesting.CHAT_JSON)));

    runner
        .withPropertyValues(
            "llmkit.openai.api-key=azure-key",
            "llmkit.openai.max-retries=0",
            "llmkit.openai.azure.endpoint=" + wm.getHttpBaseUrl(),
            "llmkit.openai.azure.deployment=chat-dep")
        .run(
            context -> {
              context.getBean(ChatService.class).chat(hello());

              verify(
                  postRequestedFor(
                          urlEqualTo(
                              "/openai/deployments/chat-dep/chat/completions?api-version=2024-10-21"))
                      .withHeader("api-key", equalTo("azure-key")));
            });
  }

  @Test
  void readTimeoutPropertyApplies(WireMockRuntimeInfo wm) {
    stubFor(
        get("/v1/models")
            .willReturn(
                aResponse()
                    .withFixedDelay(1500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(StarterTesting.MODELS_JSON)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .withPropertyValues("llmkit.openai.read-timeout=200ms")
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(ModelService.class).list())
                    .isInstanceOf(dev.llmkit.LlmIoException.class));
  }

  @Test
  void streamLimitPropertiesApply(WireMockRuntimeInfo wm) {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody("data: " + "x".repeat(4000) + "\n\ndata: [DONE]\n\n")));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .withPropertyValues(
            "llmkit.openai.max-stream-event-size=2048",
            "llmkit.openai.stream-idle-timeout=30s",
            "llmkit.openai.stream-timeout=1m")
        .run(
            context ->
                context.getBean(ChatService.class).stream(hello())
                    .test()
                    .awaitDone(5, java.util.concurrent.TimeUnit.SECONDS)
                    .assertError(
                        e ->
                            e instanceof dev.llmkit.LlmStreamException
                                && e.getMessage().contains("2048 bytes (maxStreamEventSize)")));
  }

  @Test
  void tooSmallMaxStreamEventSizeNamesTheProperty(WireMockRuntimeInfo wm) {
    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .withPropertyValues("llmkit.openai.max-stream-event-size=10")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("llmkit.openai.max-stream-event-size"));
  }

  static class ChatUser {
    final ChatService chat;
    final EmbeddingService embeddings;

    ChatUser(
        ChatService chat, org.springframework.beans.factory.ObjectProvider<EmbeddingService> e) {
      this.chat = chat;
      this.embeddings = e.getIfAvailable();
    }
  }

  static class Customizers {
    @org.springframework.context.annotation.Bean
    @Order(2)
    OpenAiClientCustomizer second() {
      return builder -> builder.header("X-Step", "second");
    }

    @org.springframework.context.annotation.Bean
    @Order(1)
    OpenAiClientCustomizer first() {
      return builder -> builder.header("X-Step", "first");
    }
  }
}
