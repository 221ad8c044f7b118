package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.Llm;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Out-of-range llmkit.local.* values are reported under the key the user wrote. */
class LocalProviderConfigTest {
  @ParameterizedTest
  @CsvSource({
    "context-size, -5",
    "threads, 0",
    "max-concurrent-requests, 0",
    "max-batch-size, 0",
    "max-batch-size, 257",
    "temperature, 9",
    "top-p, 2",
    "max-file-size, 0",
  })
  void rejectedValuesNameTheirKey(String key, String value) {
    Map<String, String> options = Map.of("model", "model.gguf", key, value);

    assertThatThrownBy(() -> Llm.client("local", options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("llmkit.local." + key + " is '");
  }
}
