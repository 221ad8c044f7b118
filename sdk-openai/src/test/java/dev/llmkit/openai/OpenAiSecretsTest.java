package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmkit.LlmApiException;
import dev.llmkit.chat.ChatChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Credentials never leave the original host and never show in messages or logs. */
class OpenAiSecretsTest {
  private static final String KEY = "sk-test-SECRET-1234";
  private static final String GATEWAY_KEY = "gw-SECRET-5678";

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension elsewhere =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private void redirectChatTo(int status, String target) {
    api.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(aResponse().withStatus(status).withHeader("Location", target)));
    elsewhere.stubFor(
        any(anyUrl()).willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {301, 302, 307, 308})
  void crossHostRedirectCarriesNoCredentialHeader(int status) {
    redirectChatTo(status, elsewhere.baseUrl() + "/v1/chat/completions");
    OpenAiClient client =
        Requests.client(api.baseUrl())
            .apiKey(KEY)
            .organization("org-1")
            .header("X-Api-Key", GATEWAY_KEY)
            .build();

    try (client) {
      client.chat().chat(Requests.hello());
    }

    LoggedRequest followed = elsewhere.getAllServeEvents().get(0).getRequest();
    assertThat(followed.containsHeader("Authorization")).isFalse();
    assertThat(followed.containsHeader("X-Api-Key")).isFalse();
    assertThat(followed.containsHeader("OpenAI-Organization")).isFalse();
    assertThat(followed.toString()).doesNotContain(KEY).doesNotContain(GATEWAY_KEY);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {301, 302, 307, 308})
  void crossHostRedirectCarriesNoAzureApiKey(int status) {
    api.stubFor(
        post(urlPathEqualTo("/openai/deployments/gpt/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Location", elsewhere.baseUrl() + "/v1/chat/completions")));
    elsewhere.stubFor(
        any(anyUrl()).willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
    OpenAiClient client =
        OpenAiClient.builder()
            .apiKey(KEY)
            .azure(api.baseUrl(), "gpt", "2024-10-21")
            .maxRetries(0)
            .build();

    try (client) {
      client.chat().chat(Requests.hello());
    }

    elsewhere.verify(anyRequestedFor(anyUrl()).withHeader("api-key", absent()));
    api.verify(postRequestedFor(anyUrl()).withHeader("api-key", equalTo(KEY)));
  }

  @Test
  void crossHostRedirectOfAStreamCarriesNoCredentialHeader() {
    api.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(307)
                    .withHeader("Location", elsewhere.baseUrl() + "/v1/chat/completions")));
    elsewhere.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Golden.read("openai/stream/stream-basic.sse"))));
    OpenAiClient client =
        Requests.client(api.baseUrl()).apiKey(KEY).header("X-Api-Key", GATEWAY_KEY).build();

    try (client) {
      client.chat().stream(Requests.hello()).test().awaitDone(5, TimeUnit.SECONDS).assertComplete();
    }

    elsewhere.verify(
        postRequestedFor(anyUrl())
            .withHeader("Authorization", absent())
            .withHeader("X-Api-Key", absent()));
  }

  @Test
  void sameHostRedirectKeepsCredentials() {
    redirectChatTo(307, api.baseUrl() + "/v2/chat/completions");
    api.stubFor(
        post(urlPathEqualTo("/v2/chat/completions"))
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
    OpenAiClient client =
        Requests.client(api.baseUrl()).apiKey(KEY).header("X-Api-Key", GATEWAY_KEY).build();

    try (client) {
      client.chat().chat(Requests.hello());
    }

    api.verify(
        postRequestedFor(urlPathEqualTo("/v2/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("X-Api-Key", equalTo(GATEWAY_KEY)));
  }

  @Test
  void headerValueWithTrailingLineBreakIsStrippedAndSent() {
    api.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
    OpenAiClient client =
        Requests.client(api.baseUrl()).header("X-Api-Key", GATEWAY_KEY + "\n").build();

    try (client) {
      client.chat().chat(Requests.hello());
    }

    api.verify(postRequestedFor(anyUrl()).withHeader("X-Api-Key", equalTo(GATEWAY_KEY)));
  }

  @Test
  void invalidHeaderValueIsRejectedWithoutShowingIt() {
    assertThatThrownBy(
            () -> Requests.client(api.baseUrl()).header("X-Api-Key", "gw-SECRET\n-5678").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X-Api-Key")
        .hasMessageContaining("index 9")
        .hasMessageNotContaining("gw-SECRET");
    assertThatThrownBy(
            () ->
                OpenAiClient.builder()
                    .apiKey("az-SECRET\u0000key")
                    .azure(api.baseUrl(), "gpt", "2024-10-21")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("API key")
        .hasMessageNotContaining("az-SECRET");
  }

  @Test
  void echoedCustomHeaderAndEscapedKeyAreRedactedFromTheException() {
    String key = "k3y/with\"quote-SECRET-77";
    String escaped = "k3y\\/with\\\"quote-SECRET-77";
    api.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\": {\"message\": \"bad key "
                            + escaped
                            + " and gateway key "
                            + GATEWAY_KEY
                            + "\", \"code\": \"invalid_api_key\"}}")));
    OpenAiClient client =
        Requests.client(api.baseUrl()).apiKey(key).header("X-Api-Key", GATEWAY_KEY).build();

    LlmApiException e;
    try (client) {
      e = catchThrowableOfType(LlmApiException.class, () -> client.chat().chat(Requests.hello()));
    }

    assertThat(e.rawBody()).contains("invalid_api_key").doesNotContain("SECRET");
    assertThat(e.getMessage()).contains("bad key").doesNotContain("SECRET");
    assertThat(e.serverMessage()).doesNotContain("SECRET");
  }

  @Test
  void debugLogHidesResponseHeaderValuesAndBaseUrlPassword() throws Exception {
    String trace = UUID.randomUUID().toString();
    api.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(
                okJson(Golden.read("openai/chat/completion-basic.json"))
                    .withHeader("x-request-id", "req_" + trace)
                    .withHeader("x-echo", "gw-SECRET-echoed")));
    String url = api.baseUrl().replace("http://", "http://alice:pw-SECRET-9@") + "/v1";
    OpenAiClient client = Requests.client(api.baseUrl()).baseUrl(url).build();

    try (client) {
      client.chat().chat(Requests.hello());
      assertThat(client.toString()).doesNotContain("pw-SECRET").doesNotContain("alice");
    }

    List<String> lines =
        Files.readAllLines(Path.of("target/llmkit-http-debug.log"), StandardCharsets.UTF_8);
    String response =
        lines.stream().filter(l -> l.contains("req_" + trace)).findFirst().orElseThrow();
    assertThat(response).contains("<-- 200 POST http://***@").contains("x-echo: ██");
    assertThat(String.join("\n", lines))
        .doesNotContain("pw-SECRET")
        .doesNotContain("alice")
        .doesNotContain("gw-SECRET-echoed");
  }

  @Test
  void streamErrorEventRedactsCustomHeaderValue() {
    api.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(
                        "data: {\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"x\"}}]}\n\n"
                            + "data: {not json "
                            + GATEWAY_KEY
                            + "}\n\n")));
    OpenAiClient client = Requests.client(api.baseUrl()).header("X-Api-Key", GATEWAY_KEY).build();

    try (client) {
      client.chat().stream(Requests.hello())
          .map(ChatChunk::text)
          .test()
          .awaitDone(5, TimeUnit.SECONDS)
          .assertError(
              e -> e.getMessage().contains("malformed") && !e.getMessage().contains(GATEWAY_KEY));
    }
  }
}
