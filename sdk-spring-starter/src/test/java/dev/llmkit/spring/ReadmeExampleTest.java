package dev.llmkit.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import io.reactivex.rxjava3.core.Flowable;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;

/** The README's Spring Boot example, as written there, against WireMock. */
@WireMockTest
class ReadmeExampleTest {

  @Service
  static class Assistant {
    private final ChatService chat;

    Assistant(ChatService chat) {
      this.chat = chat;
    }

    String answer(String question) {
      ChatRequest request =
          ChatRequest.builder().model("gpt-4o-mini").addUserMessage(question).build();
      return chat.chat(request).text();
    }

    Flowable<String> stream(String question) {
      ChatRequest request =
          ChatRequest.builder().model("gpt-4o-mini").addUserMessage(question).build();
      return chat.stream(request).map(ChatChunk::text); // disposing cancels the call
    }
  }

  @Configuration
  static class LlmConfig {
    @Bean
    OpenAiClientCustomizer teamHeader() {
      return builder -> builder.header("X-Team", "search");
    }

    @Bean
    LocalClientCustomizer greedy() {
      return builder -> builder.temperature(0).seed(42);
    }
  }

  @Test
  void assistantAnswersAndStreamsWithTheCustomizedClient(WireMockRuntimeInfo wm) {
    stubFor(
        post("/v1/chat/completions").atPriority(2).willReturn(okJson(StarterTesting.CHAT_JSON)));
    stubFor(
        post("/v1/chat/completions")
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$[?(@.stream == true)]"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(StarterTesting.CHAT_SSE)));

    StarterTesting.runner()
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .withUserConfiguration(Assistant.class, LlmConfig.class)
        .run(
            context -> {
              Assistant assistant = context.getBean(Assistant.class);

              assertThat(assistant.answer("Hi")).isEqualTo("Hello!");
              assertThat(assistant.stream("Hi").toList().blockingGet()).contains("Hel", "lo");
              verify(
                  postRequestedFor(urlEqualTo("/v1/chat/completions"))
                      .withHeader("X-Team", equalTo("search")));
            });
  }
}
