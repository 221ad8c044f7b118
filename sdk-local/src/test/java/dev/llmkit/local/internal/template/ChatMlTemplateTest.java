package dev.llmkit.local.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected strings follow the Qwen2.5-Instruct and SmolLM2-Instruct Jinja templates. */
class ChatMlTemplateTest {
  /** Marker excerpt of a Qwen2.5 template: default system prompt and Hermes tool tags. */
  static final String QWEN25 =
      "{%- if tools %}{{- '<|im_start|>system\\n' }} ... <tool_call> ..."
          + "{%- else %}{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant."
          + "<|im_end|>\\n' }}{%- endif %}";

  static final String SMOLLM2 =
      "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
          + "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}"
          + "{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}";
  static final ToolSpec WEATHER =
      new ToolSpec(
          "get_weather",
          "Get the weather",
          "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

  private final ChatTemplate qwen = ChatTemplates.detect(QWEN25);

  @Test
  void qwenAddsItsDefaultSystemPromptWhenNoneIsGiven() {
    String prompt = qwen.render(List.of(Msg.user("Hi")), true);

    assertThat(prompt)
        .isEqualTo(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful "
                + "assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void explicitSystemPromptReplacesTheDefault() {
    List<Msg> messages =
        List.of(Msg.system("Be brief."), Msg.user("Hi"), Msg.assistant("Hello!"), Msg.user("Bye"));

    String prompt = qwen.render(messages, true);

    assertThat(prompt)
        .isEqualTo(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nBye<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void withoutGenerationPromptTheLastTurnIsClosed() {
    String prompt = qwen.render(List.of(Msg.system("S"), Msg.user("Hi")), false);

    assertThat(prompt)
        .isEqualTo("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n");
  }

  @Test
  void toolsCallsAndResultsUseTheHermesFormat() {
    List<Msg> messages =
        List.of(
            Msg.user("Weather in Paris?"),
            Msg.assistant(
                "", List.of(new ToolCallSpec("call_1", "get_weather", "{\"city\":\"Paris\"}"))),
            Msg.tool("call_1", "22 C"));

    String prompt = qwen.render(messages, List.of(WEATHER), true);

    assertThat(prompt)
        .isEqualTo(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful "
                + "assistant.\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
                + "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
                + "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": \"Get the weather\", "
                + "\"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, "
                + "\"required\": [\"city\"]}}}\n</tools>\n\nFor each function call, return a json object with function name "
                + "and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, "
                + "\"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\nWeather in Paris?<|im_end|>\n"
                + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n"
                + "</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\n22 C\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n");
  }

  @Test
  void consecutiveToolResultsShareOneUserTurnAndContentPrecedesCalls() {
    List<Msg> messages =
        List.of(
            Msg.system("S"),
            Msg.user("Both?"),
            Msg.assistant(
                "Checking.",
                List.of(
                    new ToolCallSpec("a", "f", "{}"), new ToolCallSpec("b", "g", "{\"x\": 1}"))),
            Msg.tool("a", "one"),
            Msg.tool("b", "two"));

    String prompt = qwen.render(messages, false);

    assertThat(prompt)
        .isEqualTo(
            "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nBoth?<|im_end|>\n"
                + "<|im_start|>assistant\nChecking.\n<tool_call>\n{\"name\": \"f\", \"arguments\": {}}\n</tool_call>"
                + "\n<tool_call>\n{\"name\": \"g\", \"arguments\": {\"x\": 1}}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\none\n</tool_response>\n<tool_response>\ntwo\n</tool_response>"
                + "<|im_end|>\n");
  }

  @Test
  void toolsWithSystemPromptKeepItBeforeTheToolsSection() {
    String prompt =
        qwen.render(
            List.of(Msg.system("S"), Msg.user("Hi")), List.of(new ToolSpec("f", null, null)), true);

    assertThat(prompt)
        .startsWith("<|im_start|>system\nS\n\n# Tools\n\n")
        .contains("<tools>\n{\"type\": \"function\", \"function\": {\"name\": \"f\"}}\n</tools>")
        .endsWith(
            "</tool_call><|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void smolLm2UsesItsOwnDefaultSystemPrompt() {
    ChatTemplate smol = ChatTemplates.detect(SMOLLM2);

    String prompt = smol.render(List.of(Msg.user("Hi")), true);

    assertThat(smol.supportsTools()).isFalse();
    assertThat(prompt)
        .isEqualTo(
            "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging "
                + "Face<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void templateWithoutToolTagsRejectsTools() {
    ChatTemplate smol = ChatTemplates.detect(SMOLLM2);

    assertThatThrownBy(() -> smol.render(List.of(Msg.user("Hi")), List.of(WEATHER), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tools");
  }

  @Test
  void phi4VariantUsesImSepAndNoNewlines() {
    ChatTemplate phi4 =
        ChatTemplates.detect(
            "{{'<|im_start|>system<|im_sep|>' + message['content'] + '<|im_end|>'}}");

    String prompt = phi4.render(List.of(Msg.system("S"), Msg.user("Hi")), true);

    assertThat(prompt)
        .isEqualTo(
            "<|im_start|>system<|im_sep|>S<|im_end|><|im_start|>user<|im_sep|>Hi<|im_end|><|im_start|>assistant<|im_sep|>");
  }

  @Test
  void invalidToolCallArgumentsAreRejectedNamingTheCall() {
    Msg call = Msg.assistant("", List.of(new ToolCallSpec("c", "broken", "{not json")));

    assertThatThrownBy(() -> qwen.render(List.of(Msg.user("Hi"), call), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken");
  }
}
