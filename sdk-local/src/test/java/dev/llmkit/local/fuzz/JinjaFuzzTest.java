package dev.llmkit.local.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.llmkit.local.internal.jinja.JinjaException;
import dev.llmkit.local.internal.jinja.JinjaTemplate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the Jinja engine that runs chat templates from model files: any
 * template text, rendered with a small conversation, either renders or fails with {@link
 * JinjaException}. The normal build runs the committed seeds in {@code JinjaFuzzTestInputs/}.
 */
class JinjaFuzzTest {
  private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
  private static final Map<String, Object> VARIABLES =
      Map.of(
          "messages",
          List.of(
              Map.of("role", "system", "content", "Be brief."),
              Map.of("role", "user", "content", "Hi <|im_start|> {{ x }}"),
              Map.of(
                  "role",
                  "assistant",
                  "content",
                  "Hello.",
                  "tool_calls",
                  List.of(
                      Map.of(
                          "type",
                          "function",
                          "function",
                          Map.of("name", "f", "arguments", Map.of("a", 1L)))))),
          "add_generation_prompt",
          true,
          "bos_token",
          "<s>",
          "eos_token",
          "</s>",
          "tools",
          List.of(Map.of("type", "function", "function", Map.of("name", "f"))));

  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @FuzzTest(maxDuration = "5m")
  void anyTemplateRendersOrFailsWithJinjaException(FuzzedDataProvider data) {
    String source = data.consumeRemainingAsString();
    try {
      JinjaTemplate.parse(source, () -> NOW).render(VARIABLES);
    } catch (JinjaException expected) {
      // syntax error, raise_exception, or what Python would raise
    }
  }
}
