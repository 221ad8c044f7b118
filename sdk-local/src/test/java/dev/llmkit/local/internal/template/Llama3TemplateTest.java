package dev.llmkit.local.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected strings follow Meta's Llama 3 and Llama 3.1 Instruct Jinja templates (BOS excluded). */
class Llama3TemplateTest {
  static final String LLAMA3 =
      "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'"
          + "+ message['content'] | trim + '<|eot_id|>' %}";
  static final String LLAMA31 =
      "{{- \"<|start_header_id|>system<|end_header_id|>\\n\\n\" }}"
          + "{{- \"Cutting Knowledge Date: December 2023\\n\" }}";
  static final String LLAMA32 = LLAMA31 + "{%- set date_string = strftime_now(\"%d %b %Y\") %}";

  @Test
  void llama3TrimsContentAndClosesEveryTurnWithEotId() {
    ChatTemplate t = ChatTemplates.detect(LLAMA3);

    String prompt = t.render(List.of(Msg.system("S"), Msg.user(" Hi \n")), true);

    assertThat(t.supportsTools()).isFalse();
    assertThat(prompt)
        .isEqualTo(
            "<|start_header_id|>system<|end_header_id|>\n\nS<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
  }

  @Test
  void llama31AlwaysOpensWithKnowledgeCutoffAndDate() {
    ChatTemplate t = ChatTemplates.detect(LLAMA31);

    String prompt = t.render(List.of(Msg.user("Hi")), true);

    assertThat(prompt)
        .isEqualTo(
            "<|start_header_id|>system<|end_header_id|>\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
  }

  @Test
  void llama32UsesTodaysDate() {
    ChatTemplate t = ChatTemplates.detect(LLAMA32, () -> LocalDate.of(2026, 11, 5));

    String prompt = t.render(List.of(Msg.system("S"), Msg.user("Hi")), false);

    assertThat(prompt)
        .isEqualTo(
            "<|start_header_id|>system<|end_header_id|>\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 05 Nov 2026\n\nS<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>");
  }

  @Test
  void llama31PutsToolsInTheFirstUserMessageAndRendersCallsAsJson() {
    ChatTemplate t = ChatTemplates.detect(LLAMA31);
    List<Msg> messages =
        List.of(
            Msg.system("S"),
            Msg.user("Weather?"),
            Msg.assistant(
                "", List.of(new ToolCallSpec("c1", "get_weather", "{\"city\":\"Paris\"}"))),
            Msg.tool("c1", "22 C"));

    String prompt = t.render(messages, List.of(ChatMlTemplateTest.WEATHER), true);

    assertThat(prompt)
        .isEqualTo(
            "<|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nS<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nGiven the following functions, please respond with a JSON for a "
                + "function call with its proper arguments that best answers the given prompt.\n\nRespond in the format "
                + "{\"name\": function name, \"parameters\": dictionary of argument name and its value}.Do not use variables.\n\n"
                + "{\n    \"type\": \"function\",\n    \"function\": {\n        \"name\": \"get_weather\",\n"
                + "        \"description\": \"Get the weather\",\n        \"parameters\": {\n            \"type\": \"object\",\n"
                + "            \"properties\": {\n                \"city\": {\n                    \"type\": \"string\"\n"
                + "                }\n            },\n            \"required\": [\n                \"city\"\n            ]\n"
                + "        }\n    }\n}\n\nWeather?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n{\"name\": \"get_weather\", \"parameters\": "
                + "{\"city\": \"Paris\"}}<|eot_id|>"
                + "<|start_header_id|>ipython<|end_header_id|>\n\n\"22 C\"<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
  }

  @Test
  void llama31AllowsOnlyOneToolCallPerMessage() {
    ChatTemplate t = ChatTemplates.detect(LLAMA31);
    Msg two =
        Msg.assistant(
            "", List.of(new ToolCallSpec("a", "f", "{}"), new ToolCallSpec("b", "g", "{}")));

    assertThatThrownBy(() -> t.render(List.of(Msg.user("Hi"), two), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one per assistant message");
  }

  @Test
  void toolsNeedAUserMessageToLiveIn() {
    ChatTemplate t = ChatTemplates.detect(LLAMA31);

    assertThatThrownBy(
            () -> t.render(List.of(Msg.system("S")), List.of(ChatMlTemplateTest.WEATHER), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("first user message");
  }
}
