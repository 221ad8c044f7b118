package dev.llmkit.local.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatChunks;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ChunkChoice;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolCallDelta;
import dev.llmkit.local.internal.chat.ChatFamily;
import dev.llmkit.local.internal.chat.ChatTemplates;
import dev.llmkit.local.internal.chat.ParsedReply;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolReplyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ChatResponse aggregate(List<ChunkChoice> choices) {
    List<ChatChunk> chunks = new ArrayList<>();
    for (ChunkChoice c : choices) {
      chunks.add(ChatChunk.builder().id("chatcmpl-1").created(1).model("m")
          .choices(List.of(c)).build());
    }
    return ChatChunks.aggregate(Flowable.fromIterable(chunks)).blockingGet();
  }

  @Test
  void hermesToolCallsStreamLikeOpenAiAndAggregateWithTheSameIds() throws Exception {
    String args = "{\"city\": \"" + "Paris".repeat(30) + "\"}";
    ParsedReply reply = ChatTemplates.of(ChatFamily.CHATML).parseReply(
        "<tool_call>\n{\"name\": \"weather\", \"arguments\": " + args + "}\n</tool_call>\n"
            + "<tool_call>\n{\"name\": \"time\", \"arguments\": {}}\n</tool_call>");

    List<ChunkChoice> choices = ToolChunks.choices(reply, 1, "stop", null);

    assertThat(choices.get(0).delta().role()).contains(Role.ASSISTANT);
    assertThat(choices.get(0).delta().content()).isEmpty();
    ToolCallDelta opening = choices.get(1).delta().toolCalls().get(0);
    assertThat(opening.index()).isZero();
    assertThat(opening.type()).contains("function");
    assertThat(opening.name()).contains("weather");
    assertThat(opening.id().orElseThrow()).matches("call_[0-9a-f]{24}");
    assertThat(opening.arguments()).contains("");
    ToolCallDelta fragment = choices.get(2).delta().toolCalls().get(0);
    assertThat(fragment.id()).isEmpty();
    assertThat(fragment.name()).isEmpty();
    assertThat(choices.get(choices.size() - 1).finishReason()).contains(FinishReason.TOOL_CALLS);

    ChatResponse response = aggregate(choices);
    List<ToolCall> calls = response.choices().get(0).message().toolCalls();
    assertThat(calls).extracting(ToolCall::name).containsExactly("weather", "time");
    assertThat(calls.get(0).id()).isEqualTo(opening.id().orElseThrow());
    assertThat(calls.get(1).id()).isNotEqualTo(calls.get(0).id());
    assertThat(JSON.readTree(calls.get(0).arguments())).isEqualTo(JSON.readTree(args));
  }

  @Test
  void replyWithoutToolCallsIsContentWithTheStepsFinishReason() {
    ParsedReply reply = ChatTemplates.of(ChatFamily.CHATML).parseReply("It is sunny.");

    List<ChunkChoice> choices = ToolChunks.choices(reply, 0, "length", null);

    assertThat(choices.get(0).delta().content()).contains("It is sunny.");
    assertThat(choices).allSatisfy(c -> assertThat(c.delta().toolCalls()).isEmpty());
    assertThat(choices.get(choices.size() - 1).finishReason()).contains(FinishReason.LENGTH);
  }
}
