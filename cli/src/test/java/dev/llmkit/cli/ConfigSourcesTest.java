package dev.llmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {
  @TempDir Path dir;

  @Test
  void systemPropertiesWinOverEnvironmentWhichWinsOverTheFile() throws IOException {
    Files.writeString(
        dir.resolve("llmkit.properties"),
        """
        llmkit.provider=local
        llmkit.openai.base-url=http://file
        llmkit.openai.api-key=sk-file
        llmkit.openai.timeout=5s
        """);
    Map<String, String> env =
        Map.of(
            "LLMKIT_PROVIDER",
            "openai",
            "LLMKIT_OPENAI_API_KEY",
            "sk-env",
            "LLMKIT_OPENAI_BASE_URL",
            "http://env");
    Map<String, String> props = Map.of("llmkit.openai.baseUrl", "http://props", "user.home", "/x");

    Map<String, String> merged = new ConfigSources(props, env, dir).merged();

    assertThat(merged)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "llmkit.provider", "openai",
                "llmkit.openai.api-key", "sk-env",
                "llmkit.openai.base-url", "http://props",
                "llmkit.openai.timeout", "5s"));
  }

  @Test
  void environmentNamesMapToKebabCaseKeys() {
    assertThat(ConfigSources.envToProperty("LLMKIT_LOCAL_CACHE_DIR"))
        .isEqualTo("llmkit.local.cache-dir");
    assertThat(ConfigSources.envToProperty("LLMKIT_PROVIDER")).isEqualTo("llmkit.provider");
    assertThat(ConfigSources.envToProperty("OPENAI_API_KEY")).isNull();
    assertThat(ConfigSources.envToProperty("LLMKIT_")).isNull();
  }

  @Test
  void blankValuesCountAsUnset() {
    Map<String, String> merged =
        new ConfigSources(Map.of("llmkit.provider", " "), Map.of("LLMKIT_PROVIDER", "openai"), dir)
            .merged();

    assertThat(merged).containsEntry("llmkit.provider", "openai");
  }
}
