package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getAllServeEvents;
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
import dev.llmkit.InvalidRequestException;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.completion.CompletionChoice;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.model.Model;
import dev.llmkit.model.ModelDeletion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class OpenAiCompletionAndModelServiceTest {
  private OpenAiClient client;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    client = Requests.client(wm.getHttpBaseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static CompletionRequest.Builder prompt() {
    return CompletionRequest.builder().model("gpt-3.5-turbo-instruct").prompt("Say this is a test");
  }

  @Test
  void everyCompletionOptionIsMappedToTheWire() {
    stubFor(
        post("/v1/completions")
            .willReturn(okJson(Golden.read("openai/completions/completion-basic.json"))));
    CompletionRequest request =
        prompt()
            .suffix("!")
            .maxTokens(16)
            .temperature(0.2)
            .topP(0.8)
            .n(1)
            .logprobs(2)
            .echo(true)
            .stop("\n")
            .presencePenalty(0.5)
            .frequencyPenalty(0.25)
            .bestOf(2)
            .logitBias(Map.of("50256", -100))
            .user("user-1")
            .seed(7L)
            .extraBody(Map.of("custom_flag", true))
            .build();

    client.completions().complete(request);

    String sent = getAllServeEvents().get(0).getRequest().getBodyAsString();
    Golden.update("openai/completions/request-all-options.json", sent);
    verify(
        postRequestedFor(urlEqualTo("/v1/completions"))
            .withRequestBody(
                equalToJson(Golden.read("openai/completions/request-all-options.json"))));
  }

  @Test
  void tokenPromptsAndSeveralPromptsAreSentAsArrays() {
    stubFor(
        post("/v1/completions")
            .willReturn(okJson(Golden.read("openai/completions/completion-basic.json"))));

    client
        .completions()
        .complete(
            CompletionRequest.builder().model("m").promptTokens(List.of(List.of(1, 2, 3))).build());
    client
        .completions()
        .complete(CompletionRequest.builder().model("m").prompt(List.of("a", "b")).build());

    verify(
        postRequestedFor(urlEqualTo("/v1/completions"))
            .withRequestBody(equalToJson("{\"model\":\"m\",\"prompt\":[1,2,3]}")));
    verify(
        postRequestedFor(urlEqualTo("/v1/completions"))
            .withRequestBody(equalToJson("{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}")));
  }

  @Test
  void completionResponseKeepsLogprobsAndUnknownFields() {
    stubFor(
        post("/v1/completions")
            .willReturn(okJson(Golden.read("openai/completions/completion-basic.json"))));

    CompletionResponse response = client.completions().complete(prompt().build());

    assertThat(response.id()).isEqualTo("cmpl-test-1");
    assertThat(response.text()).isEqualTo("This is indeed a test");
    assertThat(response.extra()).containsEntry("future_field", "kept");
    assertThat(response.systemFingerprint()).contains("fp_test");
    CompletionChoice choice = response.choices().get(0);
    assertThat(choice.finishReason()).contains(FinishReason.LENGTH);
    assertThat(choice.logprobs())
        .hasValueSatisfying(
            l -> {
              assertThat(l.tokens()).containsExactly("This", " is");
              assertThat(l.tokenLogprobs().get(0)).isNaN();
              assertThat(l.tokenLogprobs().get(1)).isEqualTo(-0.5);
              assertThat(l.topLogprobs()).containsExactly(Map.of(), Map.of(" is", -0.5));
              assertThat(l.textOffset()).containsExactly(0, 4);
            });
    assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(12);
  }

  @Test
  void completionAsyncAndStreamAgreeWithBlocking() {
    stubFor(
        post("/v1/completions")
            .willReturn(okJson(Golden.read("openai/completions/completion-basic.json"))));
    CompletionResponse async =
        client
            .completions()
            .completeAsync(prompt().build())
            .timeout(5, TimeUnit.SECONDS)
            .blockingGet();
    stubFor(
        post("/v1/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Golden.read("openai/completions/stream-basic.sse"))));

    List<CompletionChunk> chunks =
        client.completions().stream(prompt().build()).toList().blockingGet();

    assertThat(async.text()).isEqualTo("This is indeed a test");
    assertThat(chunks).extracting(CompletionChunk::text).containsExactly("This ", "is a test");
    assertThat(chunks.get(1).choices().get(0).finishReason()).contains(FinishReason.STOP);
    verify(
        postRequestedFor(urlEqualTo("/v1/completions"))
            .withRequestBody(equalToJson("{\"stream\":true}", true, true)));
  }

  @Test
  void modelsAreListedWithUnknownFields() {
    stubFor(get("/v1/models").willReturn(okJson(Golden.read("openai/models/list.json"))));

    List<Model> models = client.models().list();

    assertThat(models)
        .extracting(Model::id)
        .containsExactly("gpt-4o-mini", "ft:gpt-4o-mini:acme::abc123");
    assertThat(models.get(0).ownedBy()).isEqualTo("system");
    assertThat(models.get(0).created()).isEqualTo(1721172741L);
    assertThat(models.get(1).extra()).containsEntry("future_field", 3);
  }

  @Test
  void modelIsRetrievedAndDeleted() {
    stubFor(
        get("/v1/models/gpt-4o-mini")
            .willReturn(okJson(Golden.read("openai/models/retrieve.json"))));
    stubFor(
        delete("/v1/models/ft:gpt-4o-mini:acme::abc123")
            .willReturn(okJson(Golden.read("openai/models/delete.json"))));

    Model model = client.models().retrieve("gpt-4o-mini");
    ModelDeletion deletion = client.models().delete("ft:gpt-4o-mini:acme::abc123");

    assertThat(model.id()).isEqualTo("gpt-4o-mini");
    assertThat(model.object()).isEqualTo("model");
    assertThat(deletion.id()).isEqualTo("ft:gpt-4o-mini:acme::abc123");
    assertThat(deletion.deleted()).isTrue();
    verify(getRequestedFor(urlEqualTo("/v1/models/gpt-4o-mini")));
    verify(deleteRequestedFor(urlEqualTo("/v1/models/ft:gpt-4o-mini:acme::abc123")));
  }

  @Test
  void modelIdWithSlashStaysOnePathSegment() {
    stubFor(
        get("/v1/models/meta-llama%2FLlama-3-8B")
            .willReturn(
                okJson(
                    "{\"id\":\"meta-llama/Llama-3-8B\",\"object\":\"model\",\"created\":0,\"owned_by\":\"vllm\"}")));

    Model model = client.models().retrieve("meta-llama/Llama-3-8B");

    assertThat(model.id()).isEqualTo("meta-llama/Llama-3-8B");
  }

  @Test
  void missingModelIsAnInvalidRequest() {
    stubFor(
        get("/v1/models/gpt-9")
            .willReturn(
                aResponse().withStatus(404).withBody(Golden.read("openai/errors/404.json"))));

    assertThatThrownBy(() -> client.models().retrieve("gpt-9"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.errorCode()).contains("model_not_found");
            });
  }

  @Test
  void blankModelIdIsRejectedBeforeAnyIo() {
    assertThatThrownBy(() -> client.models().retrieve(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("modelId");
    assertThatThrownBy(() -> client.models().delete(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("modelId");
  }
}
