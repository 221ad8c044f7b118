package dev.llmkit.spring.boot4;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import dev.llmkit.openai.OpenAiClient;
import dev.llmkit.spring.StarterTesting;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/** The starter, compiled against Boot 3.5, running on Spring Boot 4.0's dependencies. */
@WireMockTest
class Boot4AutoConfigurationTest {
  private final ApplicationContextRunner runner = StarterTesting.runner();

  /**
   * The report Spring Boot prints: the first answer of the registered failure analyzers, in their
   * order (the starter's own classes are internal to it).
   */
  private static FailureAnalysis analyze(Throwable failure) {
    ArgumentResolver arguments =
        ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
            .and(Environment.class, new StandardEnvironment());
    java.util.List<FailureAnalyzer> analyzers =
        SpringFactoriesLoader.forDefaultResourceLocation()
            .load(
                FailureAnalyzer.class, arguments, FailureHandler.handleMessage((message, e) -> {}));
    AnnotationAwareOrderComparator.sort(analyzers);
    for (FailureAnalyzer analyzer : analyzers) {
      FailureAnalysis analysis = analyzer.analyze(failure);
      if (analysis != null) {
        return analysis;
      }
    }
    return null;
  }

  private static ChatRequest hello() {
    return ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hi").build();
  }

  @Test
  void runsOnSpringBoot4() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.");
  }

  @Test
  void createsClientAndChatServiceFromProperties(WireMockRuntimeInfo wm) {
    stubFor(post("/v1/chat/completions").willReturn(okJson(StarterTesting.CHAT_JSON)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .hasSingleBean(OpenAiClient.class)
                  .hasSingleBean(ChatService.class);

              assertThat(context.getBean(ChatService.class).chat(hello()).text())
                  .isEqualTo("Hello!");
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
              assertThat(context.getBean(ChatService.class)).isSameAs(mine.chat());
            });
    mine.close();
  }

  @Test
  void bothProvidersConfiguredFailsWithTheAnalyzersAdvice() {
    runner
        .withPropertyValues("llmkit.openai.api-key=k", "llmkit.local.model=/m.gguf")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());

              assertThat(analysis).isNotNull();
              assertThat(analysis.getAction())
                  .isEqualTo("Set llmkit.provider to one of: openai, local.");
            });
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void springApplicationReportsWhatToSet(CapturedOutput output) {
    SpringApplication application = new SpringApplication(EmptyApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setDefaultProperties(Map.of("llmkit.provider", "gemini"));

    assertThatThrownBy(application::run)
        .rootCause()
        .hasMessageStartingWith(
            "llmkit.provider is 'gemini', which is not a known llmkit provider.");

    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("llmkit.provider is 'gemini', which is not a known llmkit provider.")
        .contains("Set llmkit.provider to one of: openai, local.");
  }

  @EnableAutoConfiguration
  static class EmptyApplication {}

  @Test
  void unknownProviderFailsWithTheAnalyzersAdvice() {
    runner
        .withPropertyValues("llmkit.provider=gemini")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());

              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription()).contains("'gemini'");
            });
  }

  @Test
  void healthIndicatorUsesBoot4HealthApiAndCaches(WireMockRuntimeInfo wm) {
    stubFor(get("/v1/models").willReturn(okJson(StarterTesting.MODELS_JSON)));

    runner
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .run(
            context -> {
              HealthIndicator indicator =
                  context.getBean("llmkitHealthIndicator", HealthIndicator.class);

              indicator.health();
              Health health = indicator.health();

              assertThat(health.getStatus()).isEqualTo(Status.UP);
              verify(1, getRequestedFor(urlEqualTo("/v1/models")));
            });
  }

  @Test
  void actuatorHealthEndpointShowsItAsLlmkit(WireMockRuntimeInfo wm) {
    stubFor(get("/v1/models").willReturn(okJson(StarterTesting.MODELS_JSON)));

    runner
        .withConfiguration(
            AutoConfigurations.of(
                HealthContributorAutoConfiguration.class,
                HealthContributorRegistryAutoConfiguration.class,
                HealthEndpointAutoConfiguration.class))
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .run(
            context -> {
              HealthDescriptor llmkit =
                  context.getBean(HealthEndpoint.class).healthForPath("llmkit");

              assertThat(llmkit).isNotNull();
              assertThat(llmkit.getStatus()).isEqualTo(Status.UP);
            });
  }

  @Test
  void healthIsDownWhenTheKeyIsRejected(WireMockRuntimeInfo wm) {
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
              assertThat(health.getDetails()).containsEntry("statusCode", 401);
            });
  }

  @Test
  void metricsRecordChatRequestsAndTokens(WireMockRuntimeInfo wm) {
    stubFor(post("/v1/chat/completions").willReturn(okJson(StarterTesting.CHAT_JSON)));

    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues(StarterTesting.openAi(wm.getHttpBaseUrl()))
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);

              context.getBean(ChatService.class).chat(hello());

              assertThat(
                      registry
                          .get("llmkit.requests")
                          .tags("capability", "chat", "outcome", "success")
                          .timer()
                          .count())
                  .isEqualTo(1L);
              assertThat(registry.get("llmkit.tokens").tags("type", "input").counter().count())
                  .isEqualTo(12.0);
            });
  }

  @Test
  void localProviderLoadsTheSharedModel() {
    java.nio.file.Path model = StarterTesting.sharedModel("stories260K/stories260K.gguf");

    runner
        .withPropertyValues(
            "llmkit.local.model=" + model, "llmkit.local.threads=1", "llmkit.local.context-size=32")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(dev.llmkit.local.LocalClient.class);
              Health health =
                  context.getBean("llmkitHealthIndicator", HealthIndicator.class).health();

              assertThat(health.getDetails()).containsEntry("model", "stories260K");
            });
  }
}
