package dev.llmkit.local.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.chat.ChunkChoice;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.ToolCallDelta;
import dev.llmkit.local.internal.chat.ChatFamily;
import dev.llmkit.local.internal.chat.ChatTemplates;
import dev.llmkit.local.internal.chat.ParsedReply;
import dev.llmkit.local.internal.engine.Step;
import org.junit.jupiter.api.Test;

class ToolReplyTest {
  private static Step last(int choice, String finish) {
    return new Step(choice, "", null, new byte[0], finish, 10, 5);
  }

  @Test
  void hermesToolCallBecomesToolCallDeltasWithFinishReasonToolCalls() throws Exception {
    ParsedReply reply = ChatTemplates.of(ChatFamily.CHATML).parseReply(
        "<tool_call>\n{\"name\": \"weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>");

    ChunkChoice choice = LocalChatService.toolChoice(reply, last(1, "stop"));

    assertThat(choice.index()).isEqualTo(1);
    assertThat(choice.finishReason()).contains(FinishReason.TOOL_CALLS);
    assertThat(choice.delta().role()).contains(Role.ASSISTANT);
    assertThat(choice.delta().content()).isEmpty();
    ToolCallDelta call = choice.delta().toolCalls().get(0);
    assertThat(call.index()).isZero();
    assertThat(call.type()).contains("function");
    assertThat(call.name()).contains("weather");
    assertThat(new ObjectMapper().readTree(call.arguments().orElseThrow()))
        .isEqualTo(new ObjectMapper().readTree("{\"city\":\"Paris\"}"));
    assertThat(call.id()).isPresent();
  }

  @Test
  void replyWithoutToolCallsIsContentWithTheStepsFinishReason() {
    ParsedReply reply = ChatTemplates.of(ChatFamily.CHATML).parseReply("It is sunny.");

    ChunkChoice choice = LocalChatService.toolChoice(reply, last(0, "length"));

    assertThat(choice.delta().content()).contains("It is sunny.");
    assertThat(choice.delta().toolCalls()).isEmpty();
    assertThat(choice.finishReason()).contains(FinishReason.LENGTH);
  }
}
