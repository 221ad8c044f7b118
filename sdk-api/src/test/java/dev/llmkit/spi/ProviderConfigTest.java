package dev.llmkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {
  private static ProviderConfig config(Map<String, String> options) {
    return ProviderConfig.of("openai", options, name -> null);
  }

  @Test
  void durationsAcceptUnitsIsoAndPlainMillis() {
    ProviderConfig config =
        config(Map.of("a", "30s", "b", "500ms", "c", "2m", "d", "PT30S", "e", "1500", "f", "1h"));

    assertThat(config.duration("a")).contains(Duration.ofSeconds(30));
    assertThat(config.duration("b")).contains(Duration.ofMillis(500));
    assertThat(config.duration("c")).contains(Duration.ofMinutes(2));
    assertThat(config.duration("d")).contains(Duration.ofSeconds(30));
    assertThat(config.duration("e")).contains(Duration.ofMillis(1500));
    assertThat(config.duration("f")).contains(Duration.ofHours(1));
  }

  @Test
  void invalidDurationNamesFullPropertyAndAcceptedForms() {
    ProviderConfig config = config(Map.of("timeout", "soon"));

    assertThatThrownBy(() -> config.duration("timeout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "llmkit.openai.timeout is 'soon'; expected a duration such as 30s, 500ms, 2m or PT30S");
  }

  @Test
  void typedGettersParseValues() {
    ProviderConfig config =
        config(
            Map.of(
                "max-retries", "3", "temperature", "0.5", "strict", "TRUE", "dir", "/tmp/models"));

    assertThat(config.integer("max-retries")).contains(3);
    assertThat(config.decimal("temperature")).contains(0.5);
    assertThat(config.bool("strict")).contains(true);
    assertThat(config.path("dir")).contains(Path.of("/tmp/models"));
    assertThat(config.integer("absent")).isEmpty();
  }

  @Test
  void invalidNumberAndBooleanAreRejectedWithProperty() {
    ProviderConfig config = config(Map.of("max-retries", "many", "strict", "yes"));

    assertThatThrownBy(() -> config.integer("max-retries"))
        .hasMessage("llmkit.openai.max-retries is 'many'; expected an integer such as 3");
    assertThatThrownBy(() -> config.bool("strict"))
        .hasMessage("llmkit.openai.strict is 'yes'; expected true or false");
  }

  @Test
  void secretValuesAreNotPrintedInParseErrors() {
    ProviderConfig config = config(Map.of("api-key", "sk-secret-value"));

    assertThatThrownBy(() -> config.integer("api-key"))
        .hasMessageNotContaining("sk-secret-value")
        .hasMessageContaining("llmkit.openai.api-key is (hidden)");
  }

  @Test
  void keysAreNormalisedToKebabCase() {
    ProviderConfig config = config(Map.of("apiKey", "k", "BASE_URL", "http://x"));

    assertThat(config.asMap()).containsOnlyKeys("api-key", "base-url");
    assertThat(config.string("api_key")).contains("k");
    assertThat(config.string("baseUrl")).contains("http://x");
  }

  @Test
  void blankValuesCountAsAbsent() {
    ProviderConfig config = config(Map.of("api-key", "   "));

    assertThat(config.string("api-key")).isEmpty();
    assertThat(config.asMap()).isEmpty();
  }

  @Test
  void requireNamesPropertyAndEnvironmentVariable() {
    ProviderConfig config = config(Map.of());

    assertThatThrownBy(() -> config.require("api-key", "OPENAI_API_KEY"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "llmkit provider 'openai' needs llmkit.openai.api-key or the environment variable"
                + " OPENAI_API_KEY; set it as a system property, in llmkit.properties, or as"
                + " environment variable LLMKIT_OPENAI_API_KEY");
  }

  @Test
  void environmentFallbackIsUsedOnlyWhenOptionIsAbsent() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "from-env");
    ProviderConfig withOption =
        ProviderConfig.of("openai", Map.of("api-key", "from-option"), env::get);
    ProviderConfig without = ProviderConfig.of("openai", Map.of(), env::get);

    assertThat(withOption.require("api-key", "OPENAI_API_KEY")).isEqualTo("from-option");
    assertThat(without.require("api-key", "OPENAI_API_KEY")).isEqualTo("from-env");
  }

  @Test
  void toStringShowsKeysButNotValues() {
    ProviderConfig config = config(Map.of("api-key", "sk-abcdef123456"));

    assertThat(config.toString()).contains("api-key").doesNotContain("sk-abcdef123456");
  }
}
