package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
import dev.llmkit.Capability;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class OpenAiClientTest {
  private String baseUrl;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    baseUrl = wm.getHttpBaseUrl();
    stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
  }

  private static void chatOnce(OpenAiClient client) {
    try (client) {
      client.chat().chat(Requests.hello());
    }
  }

  @Test
  void baseUrlWorksWithAndWithoutTrailingSlash() {
    chatOnce(OpenAiClient.builder().apiKey("k").baseUrl(baseUrl + "/v1").build());
    chatOnce(OpenAiClient.builder().apiKey("k").baseUrl(baseUrl + "/v1/").build());

    verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void baseUrlMayCarryAPathPrefix() {
    stubFor(
        post("/gateway/openai/v1/chat/completions")
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));

    chatOnce(OpenAiClient.builder().apiKey("k").baseUrl(baseUrl + "/gateway/openai/v1").build());

    verify(postRequestedFor(urlEqualTo("/gateway/openai/v1/chat/completions")));
  }

  @Test
  void invalidBaseUrlIsRejectedWithItsName() {
    assertThatThrownBy(() -> OpenAiClient.builder().apiKey("k").baseUrl("ftp:/nope").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl 'ftp:/nope'");
  }

  @Test
  void missingApiKeyForOpenAiSaysWhatToSet() {
    assertThatThrownBy(() -> OpenAiClient.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OPENAI_API_KEY")
        .hasMessageContaining("llmkit.openai.api-key");
  }

  @Test
  void compatibleServerNeedsNoKeyAndGetsNoAuthorization() {
    chatOnce(OpenAiClient.builder().baseUrl(baseUrl + "/v1").build());
    chatOnce(OpenAiClient.builder().apiKey("").baseUrl(baseUrl + "/v1").build());

    verify(
        2,
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", absent())
            .withHeader("api-key", absent()));
  }

  @Test
  void organizationProjectAndUserAgentHeadersAreSent() {
    chatOnce(Requests.client(baseUrl).organization("org-1").project("proj-1").build());

    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("OpenAI-Organization", equalTo("org-1"))
            .withHeader("OpenAI-Project", equalTo("proj-1"))
            .withHeader("User-Agent", matching("llmkit/\\d+\\.\\d+\\.\\d+.*")));
  }

  @Test
  void extraHeadersAreSentAndOverrideDefaults() {
    chatOnce(
        Requests.client(baseUrl)
            .header("X-Gateway", "blue")
            .header("User-Agent", "my-app/1.0")
            .build());

    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("X-Gateway", equalTo("blue"))
            .withHeader("User-Agent", equalTo("my-app/1.0")));
  }

  @Test
  void invalidHeaderIsRejected() {
    assertThatThrownBy(() -> Requests.client(baseUrl).header("Bad\nName", "v").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void azureUsesDeploymentPathApiVersionAndApiKeyHeader() {
    stubFor(
        post(urlPathEqualTo("/openai/deployments/my-gpt/chat/completions"))
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
    stubFor(
        get(urlPathEqualTo("/openai/models"))
            .willReturn(okJson(Golden.read("openai/models/list.json"))));
    OpenAiClient client =
        OpenAiClient.builder()
            .apiKey("azure-key-1234")
            .azure(baseUrl + "/", "my-gpt", "2024-10-21")
            .maxRetries(0)
            .build();

    try (client) {
      client.chat().chat(Requests.hello());
      client.models().list();
    }

    verify(
        postRequestedFor(
                urlEqualTo("/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21"))
            .withHeader("api-key", equalTo("azure-key-1234"))
            .withHeader("Authorization", absent()));
    verify(getRequestedFor(urlEqualTo("/openai/models?api-version=2024-10-21")));
  }

  @Test
  void azureWithoutKeyIsRejected() {
    assertThatThrownBy(() -> OpenAiClient.builder().azure(baseUrl, "d", "2024-10-21").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void fromEnvReadsTheFourVariables() {
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

    chatOnce(OpenAiClient.builder().env(env::get).maxRetries(0).build());

    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer env-key-1234"))
            .withHeader("OpenAI-Organization", equalTo("org-env"))
            .withHeader("OpenAI-Project", equalTo("proj-env")));
  }

  @Test
  void fromEnvWithoutKeyFailsClearly() {
    assertThatThrownBy(() -> OpenAiClient.builder().env(Map.<String, String>of()::get).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void proxyIsUsedForRequests() {
    Proxy proxy =
        new Proxy(
            Proxy.Type.HTTP,
            InetSocketAddress.createUnresolved(
                "127.0.0.1", Integer.parseInt(baseUrl.replaceAll(".*:", ""))));

    chatOnce(
        OpenAiClient.builder()
            .apiKey("k")
            .baseUrl("http://api.example.test/v1")
            .proxy(proxy)
            .maxRetries(0)
            .build());

    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Host", equalTo("api.example.test")));
  }

  @Test
  void invalidOptionsAreRejectedWithTheirNames() {
    assertThatThrownBy(() -> OpenAiClient.builder().maxRetries(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> OpenAiClient.builder().readTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> OpenAiClient.builder().apiKey(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("apiKey");
    assertThatThrownBy(() -> OpenAiClient.builder().azure(" ", "d", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint");
  }

  @Test
  void clientOffersEveryCapability() {
    try (OpenAiClient client = Requests.client(baseUrl).build()) {
      assertThat(client.provider()).isEqualTo("openai");
      assertThat(client.capabilities()).containsExactlyInAnyOrder(Capability.values());
      assertThat(client.chat()).isNotNull();
      assertThat(client.completions()).isNotNull();
      assertThat(client.models()).isNotNull();
    }
  }

  @Test
  void closeReleasesThreadsAndConnections() throws Exception {
    OpenAiClient client = Requests.client(baseUrl).build();
    client.chat().chatAsync(Requests.hello()).blockingGet();
    assertThat(client.transport().httpClient().connectionPool().connectionCount()).isPositive();

    client.close();
    client.close();

    var http = client.transport().httpClient();
    assertThat(http.dispatcher().executorService().isShutdown()).isTrue();
    assertThat(
            http.dispatcher()
                .executorService()
                .awaitTermination(3, java.util.concurrent.TimeUnit.SECONDS))
        .isTrue();
    assertThat(http.connectionPool().connectionCount()).isZero();
  }

  @Test
  void debugLogRedactsCredentials() throws Exception {
    String trace = java.util.UUID.randomUUID().toString();

    chatOnce(
        Requests.client(baseUrl)
            .header("x-trace", trace)
            .header("x-api-key", "other-secret-99")
            .build());

    java.util.List<String> lines =
        java.nio.file.Files.readAllLines(
            java.nio.file.Path.of("target/llmkit-http-debug.log"), StandardCharsets.UTF_8);
    String request = lines.stream().filter(l -> l.contains(trace)).findFirst().orElseThrow();
    assertThat(request)
        .contains("--> POST " + baseUrl + "/v1/chat/completions")
        .contains("Authorization: ██")
        .contains("x-api-key: ██")
        .doesNotContain("test-key-SECRET-1234")
        .doesNotContain("other-secret-99");
    assertThat(lines).anyMatch(l -> l.contains("<-- 200 POST " + baseUrl + "/v1/chat/completions"));
    assertThat(String.join("\n", lines))
        .doesNotContain("test-key-SECRET-1234")
        .doesNotContain("Hello! How can I help?");
  }
}
