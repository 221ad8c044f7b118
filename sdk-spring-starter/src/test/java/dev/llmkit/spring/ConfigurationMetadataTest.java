package dev.llmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The metadata IDEs read: generated from the records' Javadoc, plus hints. */
class ConfigurationMetadataTest {
  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void everyPropertyHasADescription() throws IOException {
    JsonNode metadata = read("/META-INF/spring-configuration-metadata.json");
    List<String> undocumented = new ArrayList<>();
    List<String> names = new ArrayList<>();

    for (JsonNode property : metadata.get("properties")) {
      names.add(property.get("name").asText());
      if (!property.hasNonNull("description") || property.get("description").asText().isBlank()) {
        undocumented.add(property.get("name").asText());
      }
    }

    assertThat(undocumented).isEmpty();
    assertThat(names)
        .contains(
            "llmkit.provider",
            "llmkit.openai.api-key",
            "llmkit.openai.base-url",
            "llmkit.openai.organization",
            "llmkit.openai.project",
            "llmkit.openai.connect-timeout",
            "llmkit.openai.read-timeout",
            "llmkit.openai.timeout",
            "llmkit.openai.stream-first-token-timeout",
            "llmkit.openai.stream-idle-timeout",
            "llmkit.openai.stream-timeout",
            "llmkit.openai.max-stream-event-size",
            "llmkit.openai.max-retries",
            "llmkit.openai.proxy.host",
            "llmkit.openai.proxy.port",
            "llmkit.openai.headers",
            "llmkit.openai.azure.endpoint",
            "llmkit.openai.azure.deployment",
            "llmkit.openai.azure.api-version",
            "llmkit.local.model",
            "llmkit.local.cache-dir",
            "llmkit.local.threads",
            "llmkit.local.context-size",
            "llmkit.local.max-concurrent-requests",
            "llmkit.local.data-dir",
            "llmkit.local.offline",
            "llmkit.local.temperature",
            "llmkit.local.top-k",
            "llmkit.local.top-p",
            "llmkit.local.min-p",
            "llmkit.local.repeat-penalty",
            "llmkit.local.seed",
            "llmkit.local.embedding-max-tokens",
            "llmkit.local.embedding-truncate",
            "llmkit.local.embedding-parse-special",
            "llmkit.local.max-batch-size",
            "llmkit.local.kv-cache-type",
            "llmkit.local.max-generation-time",
            "llmkit.local.special-tokens-in-content",
            "llmkit.health.cache-ttl",
            "management.health.llmkit.enabled");
  }

  /**
   * Every {@code llmkit.*} key either has a {@code defaultValue} in the metadata or has no fixed
   * one (computed from the machine or the model, or off when unset), and then its description says
   * what happens when it is unset. A new key without a default must be added here.
   */
  @Test
  void everyKeyHasADefaultValueOrSaysWhatUnsetMeans() throws IOException {
    JsonNode metadata = read("/META-INF/spring-configuration-metadata.json");
    Set<String> withoutFixedDefault =
        Set.of(
            "llmkit.provider",
            "llmkit.openai.api-key",
            "llmkit.openai.organization",
            "llmkit.openai.project",
            "llmkit.openai.headers",
            "llmkit.openai.proxy.host",
            "llmkit.openai.azure.endpoint",
            "llmkit.openai.azure.deployment",
            "llmkit.local.model",
            "llmkit.local.embedding-model",
            "llmkit.local.moderation-model",
            "llmkit.local.cache-dir",
            "llmkit.local.data-dir",
            "llmkit.local.chat-template",
            "llmkit.local.context-size",
            "llmkit.local.threads",
            "llmkit.local.seed",
            "llmkit.local.kv-cache-memory-limit",
            "llmkit.local.max-generation-time",
            "llmkit.local.fine-tuning.memory-limit",
            "llmkit.local.fine-tuning.threads");
    int keys = 0;
    int withDefault = 0;
    Set<String> noDefault = new java.util.TreeSet<>();
    List<String> silentWhenUnset = new ArrayList<>();

    for (JsonNode property : metadata.get("properties")) {
      String name = property.get("name").asText();
      if (!name.startsWith("llmkit.")) {
        continue;
      }
      keys++;
      if (property.hasNonNull("defaultValue")) {
        withDefault++;
        continue;
      }
      noDefault.add(name);
      if (!property
          .path("description")
          .asText()
          .matches("(?is).*\\b(default|unset|falls back|optional|required|enables)\\b.*")) {
        silentWhenUnset.add(name);
      }
    }

    assertThat(keys).as("llmkit.* keys").isGreaterThanOrEqualTo(52);
    assertThat(withDefault + noDefault.size()).isEqualTo(keys);
    assertThat(noDefault).containsExactlyInAnyOrderElementsOf(withoutFixedDefault);
    assertThat(silentWhenUnset)
        .as("keys whose description does not say what unset means")
        .isEmpty();
  }

  @Test
  void defaultsAreDocumented() throws IOException {
    JsonNode metadata = read("/META-INF/spring-configuration-metadata.json");

    assertThat(defaultOf(metadata, "llmkit.openai.max-retries")).isEqualTo("2");
    assertThat(defaultOf(metadata, "llmkit.openai.base-url"))
        .isEqualTo("https://api.openai.com/v1/");
    assertThat(defaultOf(metadata, "llmkit.health.cache-ttl")).isEqualTo("60s");
    assertThat(defaultOf(metadata, "llmkit.local.temperature")).isEqualTo("0.8");
    assertThat(defaultOf(metadata, "llmkit.local.top-k")).isEqualTo("40");
    assertThat(defaultOf(metadata, "llmkit.local.top-p")).isEqualTo("0.95");
    assertThat(defaultOf(metadata, "llmkit.local.min-p")).isEqualTo("0.05");
    assertThat(defaultOf(metadata, "llmkit.local.embedding-max-tokens")).isEqualTo("0");
    assertThat(defaultOf(metadata, "llmkit.local.embedding-truncate")).isEqualTo("true");
    assertThat(defaultOf(metadata, "llmkit.local.embedding-parse-special")).isEqualTo("true");
    assertThat(defaultOf(metadata, "llmkit.local.max-file-size")).isEqualTo("512MB");
    assertThat(defaultOf(metadata, "llmkit.local.kv-cache-type")).isEqualTo("f16");
  }

  @Test
  void providerHasValueHintsMergedIntoTheGeneratedMetadata() throws IOException {
    JsonNode metadata = read("/META-INF/spring-configuration-metadata.json"); // hints merged in
    List<String> values = new ArrayList<>();

    for (JsonNode hint : metadata.get("hints")) {
      if (hint.get("name").asText().equals("llmkit.provider")) {
        hint.get("values").forEach(v -> values.add(v.get("value").asText()));
      }
    }

    assertThat(values).containsExactly("openai", "local");
  }

  private static String defaultOf(JsonNode metadata, String name) {
    for (JsonNode property : metadata.get("properties")) {
      if (property.get("name").asText().equals(name)) {
        return property.path("defaultValue").asText();
      }
    }
    throw new AssertionError(name + " is not in the metadata");
  }
}
