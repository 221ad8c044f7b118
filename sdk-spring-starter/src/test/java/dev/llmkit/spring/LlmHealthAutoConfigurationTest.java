package dev.llmkit.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@WireMockTest
class LlmHealthAutoConfigurationTest {
  private final ApplicationContextRunner runner = StarterTesting.runner();

  @Test
  void openAiIsUpWhenModelsCanBeListed(WireMockRuntimeInfo wm) {
    stubFor(get("/v1/models").willReturn(okJson(StarterTesting.MODELS_JSON)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .run(
            context -> {
              Health health =
                  context.getBean("llmkitHealthIndicator", HealthIndicator.class).health();

              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails())
                  .containsEntry("provider", "openai")
                  .containsEntry("model", "gpt-4o-mini");
            });
  }

  @Test
  void openAiIsDownWithStatusCodeWhenTheKeyIsRejected(WireMockRuntimeInfo wm) {
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
              Health health =
                  context.getBean("llmkitHealthIndicator", HealthIndicator.class).health();

              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails())
                  .containsEntry("statusCode", 401)
                  .containsEntry("errorCode", "invalid_api_key");
              assertThat(health.getDetails().get("error").toString())
                  .startsWith("AuthenticationException")
                  .doesNotContain("test-key");
            });
  }

  @Test
  void providerThatDoesNotAnswerInTimeIsDown(WireMockRuntimeInfo wm) {
    stubFor(get("/v1/models").willReturn(okJson(StarterTesting.MODELS_JSON).withFixedDelay(3000)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .withPropertyValues("llmkit.health.timeout=200ms")
        .run(
            context -> {
              long start = System.nanoTime();
              Health health =
                  context.getBean("llmkitHealthIndicator", HealthIndicator.class).health();

              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails()).containsEntry("error", "no answer within 200 ms");
              assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
            });
  }

  @Test
  void resultIsReusedWithinTheCacheTtl(WireMockRuntimeInfo wm) {
    stubFor(get("/v1/models").willReturn(okJson(StarterTesting.MODELS_JSON)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .run(
            context -> {
              HealthIndicator indicator =
                  context.getBean("llmkitHealthIndicator", HealthIndicator.class);

              indicator.health();
              Health second = indicator.health();

              assertThat(second.getStatus()).isEqualTo(Status.UP);
              verify(1, getRequestedFor(urlEqualTo("/v1/models")));
            });
  }

  @Test
  void probesAgainOnceTheTtlHasPassed(WireMockRuntimeInfo wm) {
    stubFor(get("/v1/models").willReturn(okJson(StarterTesting.MODELS_JSON)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .withPropertyValues("llmkit.health.cache-ttl=0s")
        .run(
            context -> {
              HealthIndicator indicator =
                  context.getBean("llmkitHealthIndicator", HealthIndicator.class);

              indicator.health();
              indicator.health();

              verify(2, getRequestedFor(urlEqualTo("/v1/models")));
            });
  }

  @Test
  void actuatorHealthEndpointShowsItAsLlmkit(WireMockRuntimeInfo wm) {
    stubFor(get("/v1/models").willReturn(okJson(StarterTesting.MODELS_JSON)));

    runner
        .withConfiguration(
            AutoConfigurations.of(
                HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .run(
            context -> {
              HealthComponent llmkit =
                  context.getBean(HealthEndpoint.class).healthForPath("llmkit");

              assertThat(llmkit).isNotNull();
              assertThat(llmkit.getStatus()).isEqualTo(Status.UP);
            });
  }

  @Test
  void canBeSwitchedOff() {
    runner
        .withPropertyValues("llmkit.openai.api-key=k", "management.health.llmkit.enabled=false")
        .run(
            context -> assertThat(context).hasNotFailed().doesNotHaveBean("llmkitHealthIndicator"));
  }

  @Test
  void followsTheHealthDefaultsUnlessSetItself() {
    runner
        .withPropertyValues("llmkit.openai.api-key=k", "management.health.defaults.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("llmkitHealthIndicator"));
    runner
        .withPropertyValues(
            "llmkit.openai.api-key=k",
            "management.health.defaults.enabled=false",
            "management.health.llmkit.enabled=true")
        .run(context -> assertThat(context).hasBean("llmkitHealthIndicator"));
  }
}
