package dev.llmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.ModelLoadException;
import dev.llmkit.chat.ChatService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * Every llmkit misconfiguration ends with llmkit's failure report, naming the property, also when
 * the application injects a capability service rather than {@code LlmClient} (issue 14). The report
 * is chosen as Spring Boot chooses it: all registered analyzers, in their order.
 */
@ExtendWith(OutputCaptureExtension.class)
public class CapabilityInjectionFailureTest {

  /** Case name, properties, expected description start, text the action must contain. */
  static Stream<Arguments> misconfigurations() throws IOException {
    Path dir = Files.createTempDirectory("llmkit-misconfig");
    dir.toFile().deleteOnExit();
    Path notGguf = Files.writeString(dir.resolve("notes.gguf"), "not a gguf file");
    notGguf.toFile().deleteOnExit();
    return Stream.of(
        Arguments.of(
            "a file that is no model",
            List.of("llmkit.local.model=" + notGguf),
            "The local model could not be loaded (llmkit.local.model is '" + notGguf + "'): ",
            "Check llmkit.local.model: each must be a readable .gguf file"),
        Arguments.of(
            "hf: model not in the cache while offline",
            List.of(
                "llmkit.local.model=hf:owner/repo/model.gguf",
                "llmkit.local.offline=true",
                "llmkit.local.cache-dir=" + dir.resolve("cache")),
            "The local model could not be loaded (llmkit.local.model is"
                + " 'hf:owner/repo/model.gguf'): ",
            "llmkit.local.offline=false"),
        Arguments.of(
            "hf: model on a host that cannot be reached",
            List.of(
                "llmkit.local.model=hf:owner/repo/model.gguf",
                "llmkit.local.download-base-url=http://127.0.0.1:1",
                "llmkit.local.cache-dir=" + dir.resolve("unreachable")),
            "The local model could not be loaded (llmkit.local.model is"
                + " 'hf:owner/repo/model.gguf'): downloading hf:owner/repo/model.gguf from"
                + " http://127.0.0.1:1/owner/repo/resolve/main/model.gguf failed after 4 attempts:"
                + " cannot connect to 127.0.0.1 (",
            "can be downloaded (network, proxy"),
        Arguments.of(
            "no provider", List.of(), "No llmkit provider is configured", "llmkit.provider"),
        Arguments.of(
            "both providers, none chosen",
            List.of("llmkit.openai.api-key=k", "llmkit.local.model=/m.gguf"),
            "Both llmkit providers are configured",
            "Set llmkit.provider to one of: openai, local."),
        Arguments.of(
            "unknown provider",
            List.of("llmkit.provider=foo"),
            "llmkit.provider is 'foo', which is not a known llmkit provider.",
            "Set llmkit.provider to one of: openai, local."),
        Arguments.of(
            "openai without a key",
            List.of("llmkit.provider=openai"),
            "llmkit provider 'openai' is selected but llmkit.openai.api-key is not set.",
            "Set llmkit.openai.api-key"),
        Arguments.of(
            "local without a model",
            List.of("llmkit.provider=local"),
            "llmkit provider 'local' is selected but llmkit.local.model is not set.",
            "Set llmkit.local.model"),
        Arguments.of(
            "missing model file",
            List.of("llmkit.local.model=/no/such/model.gguf"),
            "llmkit.local.model is '/no/such/model.gguf', but no such file exists",
            "Set llmkit.local.model to the path of an existing .gguf file"),
        Arguments.of(
            "missing embedding model file",
            List.of("llmkit.local.model=hf:o/r/m.gguf", "llmkit.local.embedding-model=/no/e.gguf"),
            "llmkit.local.embedding-model is '/no/e.gguf', but no such file exists",
            "Set llmkit.local.embedding-model to the path of an existing .gguf file"),
        Arguments.of(
            "retries out of range",
            List.of("llmkit.openai.api-key=k", "llmkit.openai.max-retries=500"),
            "llmkit.openai.max-retries is 500; allowed range is 0 to 100",
            "Set llmkit.openai.max-retries to a value from 0 to 100"),
        Arguments.of(
            "threads not a number",
            List.of("llmkit.local.model=/m.gguf", "llmkit.local.threads=abc"),
            "llmkit.local.threads is 'abc', which is not a whole number.",
            "Set llmkit.local.threads to a whole number"),
        Arguments.of(
            "sampling default out of range",
            List.of("llmkit.local.model=/m.gguf", "llmkit.local.top-p=1.5"),
            "llmkit.local.top-p is 1.5; allowed values are above 0 and at most 1",
            "Set llmkit.local.top-p to a value above 0 and at most 1"),
        Arguments.of(
            "temperature not a number",
            List.of("llmkit.local.model=/m.gguf", "llmkit.local.temperature=hot"),
            "llmkit.local.temperature is 'hot', which is not a number such as 0.7.",
            "Set llmkit.local.temperature to a number such as 0.7"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("misconfigurations")
  void contextRunnerReportsTheProperty(
      String name, List<String> properties, String description, String action) {
    StarterTesting.runner()
        .withUserConfiguration(Assistant.class)
        .withPropertyValues(properties.toArray(String[]::new))
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyze(context);

              assertThat(analysis.getDescription()).startsWith(description);
              assertThat(analysis.getAction()).contains(action);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("misconfigurations")
  void springApplicationPrintsTheReport(
      String name,
      List<String> properties,
      String description,
      String action,
      CapturedOutput output) {
    SpringApplication application = new SpringApplication(AssistantApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    application.setEnvironment(environment);
    application.setDefaultProperties(
        properties.stream()
            .map(p -> p.split("=", 2))
            .collect(java.util.stream.Collectors.toMap(p -> p[0], p -> (Object) p[1])));

    assertThatThrownBy(application::run).isNotNull();

    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(description)
        .contains(action)
        .doesNotContain("could not be found");
  }

  @Test
  void aFileThatIsNoModelIsReportedWithTheLoadersReason(@TempDir Path dir) throws IOException {
    Path notGguf = Files.writeString(dir.resolve("notes.gguf"), "not a gguf file");

    StarterTesting.runner()
        .withUserConfiguration(Assistant.class)
        .withPropertyValues("llmkit.local.model=" + notGguf)
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context);

              assertThat(analysis.getDescription())
                  .startsWith(
                      "The local model could not be loaded (llmkit.local.model is '"
                          + notGguf
                          + "'): ");
              assertThat(analysis.getAction())
                  .startsWith("Check llmkit.local.model: each must be a" + " readable .gguf file");
              assertThat(analysis.getCause()).hasCauseInstanceOf(ModelLoadException.class);
            });
  }

  @Test
  void anHfModelMissingOfflineIsReportedWithTheLoadersReason(@TempDir Path cache) {
    StarterTesting.runner()
        .withUserConfiguration(Assistant.class)
        .withPropertyValues(
            "llmkit.local.model=hf:owner/repo/model.gguf",
            "llmkit.local.offline=true",
            "llmkit.local.cache-dir=" + cache)
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context);

              assertThat(analysis.getDescription())
                  .startsWith(
                      "The local model could not be loaded"
                          + " (llmkit.local.model is 'hf:owner/repo/model.gguf'): ")
                  .contains("is not in the cache");
              assertThat(analysis.getAction()).contains("llmkit.local.offline=false");
            });
  }

  @Test
  void aClientThatFailsIsCreatedOnceNotOncePerServiceTypeSpringAsksAbout(@TempDir Path dir)
      throws IOException {
    Path notGguf = Files.writeString(dir.resolve("notes.gguf"), "not a gguf file");
    java.util.concurrent.atomic.AtomicInteger builds =
        new java.util.concurrent.atomic.AtomicInteger();

    StarterTesting.runner()
        .withUserConfiguration(Assistant.class)
        .withBean(LocalClientCustomizer.class, () -> builder -> builds.incrementAndGet())
        .withPropertyValues("llmkit.local.model=" + notGguf)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(analyze(context).getDescription())
                  .startsWith("The local model could not be loaded");
            });

    // one attempt to load the model, not one for each of the seven service types (a download
    // that fails after its retries would otherwise repeat them all eight times)
    assertThat(builds).hasValue(1);
  }

  /** Spring Boot's choice: the first answer of all registered analyzers, in their order. */
  public static FailureAnalysis analyze(AssertableApplicationContext context) {
    Throwable failure = Objects.requireNonNull(context.getStartupFailure());
    // the failed context cannot be asked for its bean factory; the analyzers only need one
    ArgumentResolver arguments =
        ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
            .and(Environment.class, new StandardEnvironment());
    List<FailureAnalyzer> analyzers =
        SpringFactoriesLoader.forDefaultResourceLocation()
            .load(
                FailureAnalyzer.class,
                arguments,
                FailureHandler.handleMessage((message, e) -> {})); // as Boot: skip what cannot load
    AnnotationAwareOrderComparator.sort(analyzers);
    for (FailureAnalyzer analyzer : analyzers) {
      @Nullable FailureAnalysis analysis = analyzer.analyze(failure);
      if (analysis != null) {
        return analysis;
      }
    }
    throw new AssertionError("no analyzer reported " + failure, failure);
  }

  /** An application bean that needs the chat service, as the README's example does. */
  public static class Assistant {
    public Assistant(ChatService chat) {
      Objects.requireNonNull(chat);
    }
  }

  @EnableAutoConfiguration
  @Import(Assistant.class)
  static class AssistantApplication {}
}
