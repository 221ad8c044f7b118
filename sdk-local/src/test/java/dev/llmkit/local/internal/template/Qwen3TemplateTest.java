package dev.llmkit.local.internal.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected strings follow the Qwen3 chat template's reasoning rules. */
class Qwen3TemplateTest {
  /** Marker excerpt of a Qwen3 template: no default system prompt, Hermes tools, think tags. */
  private static final String QWEN3 =
      "{{- '<|im_start|>system\\n' }} <tool_call> ... "
          + "{{- '<|im_start|>' + message.role + '\\n<think>\\n' + reasoning_content.strip('\\n') + '\\n</think>\\n\\n' }}";

  private final ChatTemplate qwen3 = ChatTemplates.detect(QWEN3);

  @Test
  void noDefaultSystemPromptAndReasoningOfEarlierTurnsIsDropped() {
    List<Msg> messages =
        List.of(Msg.user("Q1"), Msg.assistant("<think>\nhmm\n</think>\n\nA1"), Msg.user("Q2"));

    String prompt = qwen3.render(messages, true);

    assertThat(prompt)
        .isEqualTo(
            "<|im_start|>user\nQ1<|im_end|>\n<|im_start|>assistant\nA1<|im_end|>\n"
                + "<|im_start|>user\nQ2<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void reasoningOfToolCallingTurnsAfterTheLastQueryIsKept() {
    List<Msg> messages =
        List.of(
            Msg.user("Weather?"),
            Msg.assistant(
                "<think>\nneed tool\n</think>\n\n", List.of(new ToolCallSpec("c", "f", "{}"))),
            Msg.tool("c", "22"));

    String prompt = qwen3.render(messages, true);

    assertThat(prompt)
        .isEqualTo(
            "<|im_start|>user\nWeather?<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\nneed tool\n</think>\n\n<tool_call>\n{\"name\": \"f\", \"arguments\": {}}\n"
                + "</tool_call><|im_end|>\n<|im_start|>user\n<tool_response>\n22\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n");
  }

  @Test
  void lastAssistantTurnAlwaysGetsAThinkBlock() {
    String prompt = qwen3.render(List.of(Msg.user("Q"), Msg.assistant("A")), false);

    assertThat(prompt)
        .isEqualTo(
            "<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\nA<|im_end|>\n");
  }

  @Test
  void replyReasoningIsSeparatedFromContentAndToolCalls() {
    String out =
        "<think>\nThe user wants weather.\n</think>\n\n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": 1}}\n"
            + "</tool_call>";

    ParsedReply reply = qwen3.parseReply(out);

    assertThat(reply.reasoning()).isEqualTo("The user wants weather.");
    assertThat(reply.content()).isEmpty();
    assertThat(reply.toolCalls()).containsExactly(new ToolCallSpec("call_0", "f", "{\"a\": 1}"));
  }

  @Test
  void qwen25TemplateKeepsThinkTextAsContent() {
    ChatTemplate qwen25 = ChatTemplates.detect(ChatMlTemplateTest.QWEN25);

    ParsedReply reply = qwen25.parseReply("<think>x</think>y");

    assertThat(reply.content()).isEqualTo("<think>x</think>y");
    assertThat(reply.reasoning()).isEmpty();
  }
}
