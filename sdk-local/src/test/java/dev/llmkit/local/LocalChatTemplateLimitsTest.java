package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.chat.ChatRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A chat template is code from a downloaded file: one that would build gigabytes or loop for hours
 * must fail the request with a 400 naming the limit, fast, and leave the JVM as it was.
 */
class LocalChatTemplateLimitsTest {
  private static final ChatRequest REQUEST =
      ChatRequest.builder().model("m").addUserMessage("Hi").build();

  @ParameterizedTest(name = "{0}")
  @Timeout(20)
  @CsvSource(
      delimiter = '|',
      value = {
        "string repeat           | {{ 'a' * 10**9 }}                                              | string too long",
        "repeat count overflow   | {{ 'ab' * 10**12 }}                                            | string too long",
        "string doubling         | {% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }} | string too long",
        "tilde doubling          | {% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }} | string too long",
        "list repeat             | {{ ([1] * 10**9)[0] }}                                         | list too long",
        "nested loops            | {% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %} | loop iterations",
        "output growth           | {% for i in range(99999) %}{% for j in range(99) %}{{ 'abcdefghijklmnopqrstuvwxyz' * 10 }}{% endfor %}{% endfor %} | too long",
        "padding width           | {{ 'a'.ljust(10**10) }}                                        | too long"
      })
  void aRunawayTemplateIsA400(String name, String template, String message) {
    LocalChatTemplate t = LocalChatTemplate.of(template, "<s>", "</s>");

    assertThatThrownBy(() -> t.render(REQUEST, true))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
  }

  @Test
  void templatesWellInsideTheLimitsStillRender() {
    LocalChatTemplate t =
        LocalChatTemplate.of(
            "{% for i in range(1000) %}{{ '-' * 1000 }}{% endfor %}"
                + "{% for m in messages %}{{ m.content }}{% endfor %}",
            "<s>", "</s>");

    String out = t.render(REQUEST, true);

    assertThat(out).hasSize(1_000_000 + 2).endsWith("-Hi");
  }
}
