package dev.llmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.local.LocalClient;
import dev.llmkit.openai.OpenAiClient;
import dev.llmkit.spring.internal.ProviderSelectionException;
import dev.llmkit.spring.internal.ProviderSelectionFailureAnalyzer;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.util.StringUtils;

class ProviderSelectionFailureTest {
  private final ApplicationContextRunner runner = StarterTesting.runner();

  private static FailureAnalysis analyze(Throwable failure) {
    FailureAnalysis analysis = new ProviderSelectionFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("analysis of %s", failure).isNotNull();
    return analysis;
  }

  @Test
  void bothProvidersConfiguredWithoutChoiceFailsNamingLlmkitProvider() {
    runner
        .withPropertyValues("llmkit.openai.api-key=test-key", "llmkit.local.model=/m.gguf")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyze(context.getStartupFailure());

              assertThat(analysis.getDescription())
                  .contains("Both llmkit providers are configured");
              assertThat(analysis.getAction())
                  .isEqualTo("Set llmkit.provider to one of: openai, local.");
            });
  }

  @Test
  void noProviderConfiguredFailsSayingWhatToSet() {
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          FailureAnalysis analysis = analyze(context.getStartupFailure());

          assertThat(analysis.getDescription()).startsWith("No llmkit provider is configured");
          assertThat(analysis.getAction())
              .startsWith("Set llmkit.provider to one of: openai, local")
              .contains("llmkit.openai.api-key (or OPENAI_API_KEY)", "llmkit.local.model");
        });
  }

  @Test
  void unknownProviderFailsListingTheKnownOnes() {
    runner
        .withPropertyValues("llmkit.provider=anthropic", "llmkit.openai.api-key=test-key")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());

              assertThat(analysis.getDescription())
                  .isEqualTo(
                      "llmkit.provider is 'anthropic', which is not a known llmkit provider.");
              assertThat(analysis.getAction())
                  .isEqualTo("Set llmkit.provider to one of: openai, local.");
            });
  }

  @Test
  void openAiChosenWithoutKeyNamesTheKeyAndItsVariable() {
    runner
        .withPropertyValues("llmkit.provider=openai", "llmkit.local.model=/m.gguf")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());

              assertThat(analysis.getDescription()).contains("llmkit.openai.api-key is not set");
              assertThat(analysis.getAction())
                  .startsWith(
                      "Set llmkit.openai.api-key or the environment variable OPENAI_API_KEY");
            });
  }

  @Test
  void localChosenWithoutModelNamesTheModelProperty() {
    runner
        .withPropertyValues("llmkit.provider=local", "llmkit.openai.api-key=test-key")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());

              assertThat(analysis.getDescription()).contains("llmkit.local.model is not set");
              assertThat(analysis.getAction()).startsWith("Set llmkit.local.model to a .gguf file");
            });
  }

  @Test
  void explicitChoiceResolvesBothConfigured() {
    runner
        .withPropertyValues(
            "llmkit.provider=OpenAI",
            "llmkit.openai.api-key=test-key",
            "llmkit.local.model=/does/not/exist.gguf")
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(OpenAiClient.class)
                    .doesNotHaveBean(LocalClient.class));
  }

  @Test
  void incompleteAzureSettingsFailNamingTheDeployment() {
    runner
        .withPropertyValues(
            "llmkit.openai.api-key=k", "llmkit.openai.azure.endpoint=https://r.openai.azure.com")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());

              assertThat(analysis.getAction()).startsWith("Set llmkit.openai.azure.deployment");
            });
  }

  @Test
  void selectedProviderWithoutItsModuleNamesTheDependency() {
    runner
        .withClassLoader(new FilteredClassLoader(OpenAiClient.class))
        .withPropertyValues("llmkit.provider=openai", "llmkit.openai.api-key=k")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());

              assertThat(analysis.getDescription())
                  .contains("dev.llmkit:sdk-openai is not on the class path");
              assertThat(analysis.getAction())
                  .isEqualTo(
                      "Add the dependency dev.llmkit:sdk-openai, or set llmkit.provider to local.");
            });
  }

  @Test
  void onlyOneProviderModuleOnTheClassPathIsEnough() {
    runner
        .withClassLoader(new FilteredClassLoader(LocalClient.class))
        .withPropertyValues("llmkit.openai.api-key=k")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(OpenAiClient.class));
  }

  @Test
  void azureWithoutKeyNamesTheKey() {
    runner
        .withPropertyValues(
            "llmkit.openai.azure.endpoint=https://r.openai.azure.com",
            "llmkit.openai.azure.deployment=d")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());

              assertThat(analysis.getAction()).startsWith("Set llmkit.openai.api-key");
            });
  }

  @Test
  void outOfRangeValuesFailNamingTheProperty() {
    runner
        .withPropertyValues("llmkit.openai.api-key=k", "llmkit.openai.max-retries=500")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessage("llmkit.openai.max-retries is 500; allowed range is 0 to 100"));
    runner
        .withPropertyValues("llmkit.openai.api-key=k", "llmkit.openai.timeout=-1s")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessage("llmkit.openai.timeout is PT-1S; it must not be negative"));
    runner
        .withPropertyValues("llmkit.local.model=/m.gguf", "llmkit.local.threads=0")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessage("llmkit.local.threads is 0; allowed range is 1 to 1024"));
    runner
        .withPropertyValues("llmkit.openai.api-key=k", "llmkit.openai.proxy.host=p")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessage("llmkit.openai.proxy.port is 0; allowed range is 1 to 65535"));
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void springApplicationReportsWhatToSet(CapturedOutput output) {
    SpringApplication application = new SpringApplication(EmptyApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setDefaultProperties(
        Map.of("llmkit.openai.api-key", "k", "llmkit.local.model", "/m.gguf"));

    assertThatThrownBy(application::run).hasRootCauseInstanceOf(ProviderSelectionException.class);

    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("Both llmkit providers are configured")
        .contains("Set llmkit.provider to one of: openai, local.");
  }

  @EnableAutoConfiguration
  static class EmptyApplication {}

  @Test
  void analyzerIsRegisteredForSpringBoot() throws IOException {
    List<String> analyzers = new ArrayList<>();
    Enumeration<URL> files = getClass().getClassLoader().getResources("META-INF/spring.factories");
    while (files.hasMoreElements()) {
      Properties factories =
          PropertiesLoaderUtils.loadProperties(new UrlResource(files.nextElement()));
      String value = factories.getProperty(FailureAnalyzer.class.getName(), "");
      analyzers.addAll(StringUtils.commaDelimitedListToSet(value));
    }

    assertThat(analyzers).contains(ProviderSelectionFailureAnalyzer.class.getName());
  }
}
