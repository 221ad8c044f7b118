package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.RateLimitException;
import dev.llmkit.moderation.ModerationCategory;
import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationResponse;
import dev.llmkit.moderation.ModerationResult;
import dev.llmkit.moderation.ModerationService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class OpenAiModerationServiceTest {
  private ModerationService moderation;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    moderation = CapabilityClients.moderation(wm.getHttpBaseUrl());
  }

  private static void answer(String golden) {
    stubFor(
        post("/v1/moderations")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/moderation/" + golden))));
  }

  private static void verifySent(String golden) {
    verify(
        postRequestedFor(urlEqualTo("/v1/moderations"))
            .withRequestBody(equalToJson(Golden.read("openai/moderation/" + golden))));
  }

  @Test
  void oneTextUsesTheDefaultOmniModel() {
    answer("response-omni.json");

    ModerationResponse response = moderation.moderate("I want to hurt them.");

    verifySent("request-text.json");
    assertThat(response.id()).isEqualTo("modr-0d9740456c391e43c445bf0f010940c7");
    assertThat(response.model()).isEqualTo("omni-moderation-latest");
    assertThat(response.flagged()).isTrue();
    assertThat(response.extra()).containsEntry("future_field", "kept");
  }

  @Test
  void typedAccessorsReadKnownCategoriesAndOpenMapsKeepUnknownOnes() {
    answer("response-omni.json");

    ModerationResult result = moderation.moderate("I want to hurt them.").results().get(0);

    assertThat(result.flagged(ModerationCategory.VIOLENCE)).isTrue();
    assertThat(result.flagged(ModerationCategory.SEXUAL)).isFalse();
    assertThat(result.score(ModerationCategory.VIOLENCE)).hasValue(0.9971116033333555);
    assertThat(result.score(ModerationCategory.HARASSMENT_THREATENING)).hasValue(0.804985420696006);
    assertThat(result.appliedInputTypes(ModerationCategory.SEXUAL))
        .containsExactly("text", "image");
    assertThat(result.flaggedCategories())
        .contains(
            ModerationCategory.HARASSMENT,
            ModerationCategory.HARASSMENT_THREATENING,
            ModerationCategory.VIOLENCE);
    assertThat(result.categories()).containsEntry("deception/2031", true);
    assertThat(result.categoryScores()).containsEntry("deception/2031", 0.91);
    assertThat(result.categoryAppliedInputTypes()).containsEntry("deception/2031", List.of("text"));
    assertThat(result.extra()).containsEntry("future_result_field", 1);
  }

  @Test
  void manyTextsAreSentAsAnArrayAndGetOneResultEach() {
    answer("response-two.json");

    ModerationResponse response =
        moderation.moderate(
            ModerationRequest.builder()
                .model("text-moderation-stable")
                .inputs(List.of("first text", "second text"))
                .build());

    verifySent("request-texts.json");
    assertThat(response.results()).hasSize(2);
    assertThat(response.flagged()).isFalse();
    ModerationResult first = response.results().get(0);
    assertThat(first.categories()).containsOnlyKeys("hate");
    assertThat(first.score(ModerationCategory.ILLICIT)).isEmpty();
  }

  @Test
  void textAndImagePartsAreSentAsTypedParts() {
    answer("response-omni.json");

    moderation.moderate(
        ModerationRequest.builder()
            .addText("Is this ok?")
            .addImageUrl("https://example.com/image.png")
            .build());

    verifySent("request-parts.json");
  }

  @Test
  void moderateAsyncDeliversTheResponse() {
    answer("response-omni.json");

    ModerationResponse response =
        moderation
            .moderateAsync(ModerationRequest.of("x"))
            .timeout(10, TimeUnit.SECONDS)
            .blockingGet();

    assertThat(response.results()).hasSize(1);
  }

  @Test
  void rateLimitMapsToRateLimitExceptionWithRetryAfter() {
    stubFor(
        post("/v1/moderations")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("retry-after", "7")
                    .withBody(Golden.read("openai/moderation/error-429.json"))));

    assertThatThrownBy(() -> moderation.moderate("text"))
        .isInstanceOf(RateLimitException.class)
        .satisfies(
            e -> {
              RateLimitException r = (RateLimitException) e;
              assertThat(r.retryAfter()).contains(Duration.ofSeconds(7));
              assertThat(r.isRetryable()).isTrue();
            });
  }
}
