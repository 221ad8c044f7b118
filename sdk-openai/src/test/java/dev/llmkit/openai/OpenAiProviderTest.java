package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.spi.ProviderConfig;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class OpenAiProviderTest {
  private String baseUrl;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    baseUrl = wm.getHttpBaseUrl();
    stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
  }

  @Test
  void llmClientFromSettingsTalksToTheBaseUrl() {
    try (LlmClient llm =
        Llm.client(
            Map.of(
                "llmkit.provider",
                "openai",
                "llmkit.openai.base-url",
                baseUrl + "/v1",
                "llmkit.openai.api-key",
                "prop-key-1234"))) {
      String text = llm.chat().chat(Requests.hello()).text();

      assertThat(llm.provider()).isEqualTo("openai");
      assertThat(text).isEqualTo("Hello! How can I help?");
    }
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer prop-key-1234")));
  }

  @Test
  void onlyTheBaseUrlIsNeededForACompatibleServer() {
    try (LlmClient llm =
        new OpenAiProvider()
            .create(
                ProviderConfig.of("openai", Map.of("base-url", baseUrl + "/v1"), name -> null))) {
      llm.chat().chat(Requests.hello());
    }

    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization", absent()));
  }

  @Test
  void everyOptionKeyIsApplied() {
    Map<String, String> options =
        Map.of(
            "base-url",
            baseUrl + "/v1",
            "api-key",
            "k-1234",
            "organization",
            "org-1",
            "project",
            "proj-1",
            "connect-timeout",
            "5s",
            "read-timeout",
            "30s",
            "timeout",
            "1m",
            "stream-first-token-timeout",
            "10s",
            "max-retries",
            "0",
            "headers.X-Trace",
            "abc");

    try (OpenAiClient client =
        (OpenAiClient)
            new OpenAiProvider().create(ProviderConfig.of("openai", options, name -> null))) {
      client.chat().chat(Requests.hello());

      var s = client.transport().settings();
      assertThat(s.connectTimeout()).hasSeconds(5);
      assertThat(s.readTimeout()).hasSeconds(30);
      assertThat(s.callTimeout()).hasSeconds(60);
      assertThat(s.streamFirstTokenTimeout()).hasSeconds(10);
      assertThat(s.maxRetries()).isZero();
    }
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("OpenAI-Organization", equalTo("org-1"))
            .withHeader("OpenAI-Project", equalTo("proj-1"))
            .withHeader("X-Trace", equalTo("abc")));
  }

  @Test
  void environmentFallbacksAreRead() {
    Map<String, String> env =
        Map.of(
            "OPENAI_API_KEY",
            "env-key-1234",
            "OPENAI_BASE_URL",
            baseUrl + "/v1",
            "OPENAI_ORG_ID",
            "org-env",
            "OPENAI_PROJECT_ID",
            "proj-env");

    try (LlmClient llm =
        new OpenAiProvider().create(ProviderConfig.of("openai", Map.of(), env::get))) {
      llm.chat().chat(Requests.hello());
    }

    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer env-key-1234"))
            .withHeader("OpenAI-Organization", equalTo("org-env"))
            .withHeader("OpenAI-Project", equalTo("proj-env")));
  }

  @Test
  void azureOptionsSelectAzure() {
    stubFor(
        post(urlPathEqualTo("/openai/deployments/dep/chat/completions"))
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
    Map<String, String> options =
        Map.of(
            "azure.endpoint",
            baseUrl,
            "azure.deployment",
            "dep",
            "azure.api-version",
            "2024-10-21",
            "api-key",
            "az-key-1234",
            "max-retries",
            "0");

    try (LlmClient llm =
        new OpenAiProvider().create(ProviderConfig.of("openai", options, n -> null))) {
      llm.chat().chat(Requests.hello());
    }

    verify(
        postRequestedFor(
                urlEqualTo("/openai/deployments/dep/chat/completions?api-version=2024-10-21"))
            .withHeader("api-key", equalTo("az-key-1234")));
  }

  @Test
  void missingKeyForOpenAiNamesPropertyAndVariable() {
    assertThatThrownBy(
            () -> new OpenAiProvider().create(ProviderConfig.of("openai", Map.of(), n -> null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("llmkit.openai.api-key")
        .hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void badProxyIsRejectedWithItsProperty() {
    assertThatThrownBy(
            () ->
                new OpenAiProvider()
                    .create(
                        ProviderConfig.of(
                            "openai", Map.of("base-url", baseUrl, "proxy", "no-port"), n -> null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("llmkit.openai.proxy");
  }

  @Test
  void providerIsFoundThroughServiceLoader() {
    assertThat(Llm.providerIds()).contains("openai");
  }
}
