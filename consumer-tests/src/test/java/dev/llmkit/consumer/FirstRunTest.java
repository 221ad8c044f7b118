package dev.llmkit.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.LlmIoException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A user build that chose no logging (consumer-openai-only has no SLF4J backend) sees no SLF4J
 * notice on stderr when llmkit's logging code runs, here a request that fails and is logged; with a
 * backend (the Boot builds bring logback) SLF4J has nothing to report either. These builds have
 * sdk-openai as their only provider, which {@code Llm.client} then picks by itself.
 */
class FirstRunTest {
  @Test
  void aFailingRequestPrintsNoSlf4jNotice() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (LlmClient llm =
        Llm.client(
            "openai",
            Map.of(
                "api-key", "sk-none", "base-url", "http://127.0.0.1:1/v1", "max-retries", "1"))) {
      assertThrows(LlmIoException.class, () -> llm.models().list());
    } finally {
      System.setErr(original);
    }

    List<String> notices =
        err.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(line -> line.contains("SLF4J"))
            .collect(Collectors.toList());
    assertEquals(List.of(), notices, "SLF4J lines on stderr");
  }

  @Test
  void theOnlyProviderOnTheClasspathIsPickedWithoutLlmkitProvider() {
    try (LlmClient llm = Llm.client(Map.of("llmkit.openai.api-key", "sk-none"))) {
      assertEquals("openai", llm.provider());
    }
  }
}
