package dev.llmkit.local.internal.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.testing.SharedModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCallParserTest {
  private final ChatTemplate qwen = ChatTemplates.detect(ChatMlTemplateTest.QWEN25);
  private final ChatTemplate llama31 = ChatTemplates.detect(Llama3TemplateTest.LLAMA31);

  @Test
  void hermesBlocksBecomeCallsAndTheRestStaysContent() {
    String out =
        "Let me check.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n"
            + "</tool_call>\n<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}\n</tool_call>";

    ParsedReply reply = qwen.parseReply(out);

    assertThat(reply.content()).isEqualTo("Let me check.");
    assertThat(reply.toolCalls())
        .containsExactly(
            new ToolCallSpec("call_0", "get_weather", "{\"city\": \"Paris\"}"),
            new ToolCallSpec("call_1", "get_time", "{}"));
  }

  @Test
  void unterminatedFinalHermesBlockStillCounts() {
    ParsedReply reply =
        qwen.parseReply("<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": [1, 2]}}\n");

    assertThat(reply.content()).isEmpty();
    assertThat(reply.toolCalls())
        .containsExactly(new ToolCallSpec("call_0", "f", "{\"a\": [1, 2]}"));
  }

  @Test
  void aClosingTagInsideAnArgumentStringDoesNotCutTheCall() {
    String out =
        "<tool_call>\n{\"name\": \"f\", \"arguments\": {\"city\": \"</tool_call>\","
            + " \"unit\": \"c\"}}\n</tool_call>";

    ParsedReply reply = qwen.parseReply(out);

    assertThat(reply.content()).isEmpty();
    assertThat(reply.toolCalls())
        .containsExactly(
            new ToolCallSpec("call_0", "f", "{\"city\": \"</tool_call>\", \"unit\": \"c\"}"));
  }

  @Test
  void malformedHermesJsonIsLeftAsContent() {
    String out = "<tool_call>{\"name\": \"f\", \"arguments\": {oops}}</tool_call>";

    ParsedReply reply = qwen.parseReply(out);

    assertThat(reply.hasToolCalls()).isFalse();
    assertThat(reply.content()).isEqualTo(out);
  }

  @Test
  void llamaJsonReplyWithParametersIsACall() {
    ParsedReply reply =
        llama31.parseReply(
            "<|python_tag|>{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Oslo\"}}");

    assertThat(reply.content()).isEmpty();
    assertThat(reply.toolCalls())
        .containsExactly(new ToolCallSpec("call_0", "get_weather", "{\"city\": \"Oslo\"}"));
  }

  @Test
  void llamaPlainTextIsContent() {
    ParsedReply reply = llama31.parseReply(" It is sunny. ");

    assertThat(reply).isEqualTo(new ParsedReply("It is sunny.", List.of()));
  }

  @Test
  void templatesWithoutToolsNeverFindCalls() {
    ChatTemplate gemma = ChatTemplates.of(ChatFamily.GEMMA);

    ParsedReply reply =
        gemma.parseReply("<tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>");

    assertThat(reply.hasToolCalls()).isFalse();
  }

  @Test
  void ggufWithoutChatTemplateGetsThePlainFallback() {
    try (GgufFile gguf = GgufFile.open(SharedModels.resolve("stories260K/stories260K.gguf"))) {
      ChatTemplate t = ChatTemplates.fromMetadata(gguf.metadata());

      assertThat(t.family()).isEqualTo(ChatFamily.PLAIN);
    }
  }
}
