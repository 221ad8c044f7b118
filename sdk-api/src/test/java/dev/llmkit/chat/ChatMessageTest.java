package dev.llmkit.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatMessageTest {
  @Test
  void factoriesSetRoleAndContent() {
    assertThat(ChatMessage.user("u").role()).isEqualTo(Role.USER);
    assertThat(ChatMessage.system("s").role()).isEqualTo(Role.SYSTEM);
    assertThat(ChatMessage.developer("d").role()).isEqualTo(Role.DEVELOPER);
    assertThat(ChatMessage.assistant("a").content()).contains("a");
    ChatMessage tool = ChatMessage.tool("call_1", "{\"temp\":21}");
    assertThat(tool.role()).isEqualTo(Role.TOOL);
    assertThat(tool.toolCallId()).contains("call_1");
    assertThat(tool.text()).isEqualTo("{\"temp\":21}");
  }

  @Test
  void textJoinsTextPartsAndSkipsImages() {
    ChatMessage message =
        ChatMessage.user(
            List.of(
                ContentPart.text("What is "),
                ContentPart.imageUrl("https://example.com/cat.png", ImageDetail.HIGH),
                ContentPart.text("this?")));

    assertThat(message.text()).isEqualTo("What is this?");
    assertThat(message.content()).isEmpty();
    assertThat(message.contentParts().get(1).detail()).contains(ImageDetail.HIGH);
    assertThat(message.contentParts().get(1).type()).isEqualTo(ContentPart.IMAGE_URL);
  }

  @Test
  void assistantToolCallMessageHasNoContent() {
    ToolCall call = ToolCall.function("call_1", "get_weather", "{\"city\":\"Paris\"}");

    ChatMessage message = ChatMessage.assistant(List.of(call));

    assertThat(message.text()).isEmpty();
    assertThat(message.toolCalls()).containsExactly(call);
    assertThat(call.type()).isEqualTo("function");
  }

  @Test
  void toolMessageNeedsToolCallId() {
    ChatMessage.Builder builder = ChatMessage.builder().role(Role.TOOL).content("42");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toolCallId");
  }

  @Test
  void contentAndPartsAreExclusive() {
    ChatMessage.Builder builder =
        ChatMessage.builder()
            .role(Role.USER)
            .content("a")
            .contentParts(List.of(ContentPart.text("b")));

    assertThatThrownBy(builder::build)
        .hasMessage("a message has either content or contentParts, not both");
  }

  @Test
  void nullArgumentsNameTheParameter() {
    assertThatThrownBy(() -> ChatMessage.user((String) null)).hasMessage("content == null");
    assertThatThrownBy(() -> ChatMessage.tool(" ", "x"))
        .hasMessageContaining("toolCallId is blank");
    assertThatThrownBy(() -> ChatMessage.user(List.of())).hasMessageContaining("parts is empty");
  }

  @Test
  void toStringHidesContentAndToolArguments() {
    ChatMessage message = ChatMessage.user("my password is hunter2");
    ToolCall call = ToolCall.function("call_9", "login", "{\"password\":\"hunter2\"}");

    assertThat(message.toString()).doesNotContain("hunter2").contains("user");
    assertThat(call.toString()).doesNotContain("hunter2").contains("login");
  }
}
