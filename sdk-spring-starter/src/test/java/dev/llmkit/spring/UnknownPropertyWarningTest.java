package dev.llmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.spring.internal.UnknownPropertyWarnings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A misspelled or unread {@code llmkit.*} key is reported once at start-up (issue 14). */
@ExtendWith(OutputCaptureExtension.class)
class UnknownPropertyWarningTest {

  /** An environment without this machine's variables and system properties. */
  private static StandardEnvironment isolated() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    return environment;
  }

  @Test
  void misspelledKeyIsLoggedOnceWithTheClosestKnownKey(CapturedOutput output) {
    StarterTesting.runner()
        .withPropertyValues(
            "llmkit.openai.api-key=k", "llmkit.local.temprature=0.2", "llmkit.openai.max-retires=1")
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(output)
        .contains(
            "Unknown property llmkit.local.temprature (from test) is"
                + " ignored; did you mean llmkit.local.temperature?");
    assertThat(output).contains("did you mean llmkit.openai.max-retries?");
    assertThat(output.toString().split("llmkit.local.temprature", -1)).hasSize(2);
  }

  @Test
  void knownKeysInAnyRelaxedFormAreNotReported(CapturedOutput output) {
    StarterTesting.runner()
        .withPropertyValues(
            "llmkit.openai.api-key=k",
            "llmkit.openai.maxRetries=1",
            "llmkit.openai.headers.X-Team=search",
            "llmkit.local.embedding_max_tokens=8",
            "llmkit.health.cache-ttl=5s",
            "llmkit.metrics.enabled=false",
            "llmkit.local.top-k=1",
            "llmkit.local.seed=1")
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(output).doesNotContain("Unknown property").doesNotContain("is ignored");
  }

  @Test
  void environmentVariablesAreCheckedInTheirOwnForm() {
    StandardEnvironment environment = isolated();
    environment
        .getPropertySources()
        .addLast(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                    "LLMKIT_LOCAL_CACHE_DIR",
                    "/m",
                    "LLMKIT_LOCAL_MODLE",
                    "/m.gguf",
                    "LLMKIT_OPENAI_HEADERS_X_TEAM",
                    "a",
                    "LLMKIT_SHARED_MODELS",
                    "/s",
                    "PATH",
                    "/bin")));

    assertThat(UnknownPropertyWarnings.warnings(environment))
        .singleElement()
        .asString()
        .startsWith("Unknown property LLMKIT_LOCAL_MODLE (from systemEnvironment)")
        .endsWith("did you mean llmkit.local.model?");
  }

  @Test
  void engineSwitchesAreFineAsSystemPropertiesButNotInApplicationProperties() {
    StandardEnvironment environment = isolated();
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                Map.of("llmkit.local.vector", "false")));
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "application.properties",
                Map.of(
                    "llmkit.local.heap-weights",
                    "true",
                    "llmkit.local.fine-tuning-concurrency",
                    "2")));

    assertThat(UnknownPropertyWarnings.warnings(environment))
        .containsExactlyInAnyOrder(
            "llmkit.local.heap-weights (from application.properties) is ignored: the local engine"
                + " reads it only as a JVM system property; start the JVM with"
                + " -Dllmkit.local.heap-weights=... instead.",
            "llmkit.local.fine-tuning-concurrency (from application.properties) is ignored: the"
                + " Spring starter reads llmkit.local.fine-tuning.max-concurrent-jobs instead;"
                + " llmkit.local.fine-tuning-concurrency is for Llm.client() (llmkit.properties or a"
                + " system property).");
  }

  @Test
  void everyLocalKeyTheReadmeDocumentsIsKnown() {
    StandardEnvironment environment = isolated();
    Map<String, Object> documented = new java.util.LinkedHashMap<>();
    for (String key :
        new String[] {
          "model",
          "cache-dir",
          "offline",
          "download-base-url",
          "progress",
          "threads",
          "context-size",
          "max-concurrent-requests",
          "kv-cache-memory-limit",
          "temperature",
          "top-k",
          "top-p",
          "min-p",
          "repeat-penalty",
          "seed",
          "chat-template",
          "embedding-model",
          "embedding-max-tokens",
          "embedding-truncate",
          "embedding-parse-special",
          "moderation-model",
          "data-dir",
          "max-file-size",
          "max-batch-size",
          "special-tokens-in-content",
          "kv-cache-type",
          "max-generation-time",
          "fine-tuning.max-concurrent-jobs",
          "fine-tuning.threads",
          "fine-tuning.memory-limit"
        }) {
      documented.put("llmkit.local." + key, "x");
    }
    environment.getPropertySources().addFirst(new MapPropertySource("readme", documented));

    assertThat(UnknownPropertyWarnings.warnings(environment)).isEmpty();
  }
}
