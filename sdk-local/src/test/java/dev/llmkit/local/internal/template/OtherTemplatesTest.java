package dev.llmkit.local.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Llama 2, Mistral, Phi-3, Gemma and the plain fallback, following their official templates. */
class OtherTemplatesTest {
  private static final List<Msg> CONVERSATION =
      List.of(Msg.system("S"), Msg.user("Hi"), Msg.assistant("Hello"), Msg.user("Bye"));

  @Test
  void llama2WrapsSystemInSysTagsAndRepeatsBosBeforeLaterTurns() {
    ChatTemplate t =
        ChatTemplates.detect("{% set content = '<<SYS>>\\n' + system_message %} '[INST] '");

    String prompt = t.render(CONVERSATION, true);

    assertThat(t.family()).isEqualTo(ChatFamily.LLAMA2);
    assertThat(prompt)
        .isEqualTo("[INST] <<SYS>>\nS\n<</SYS>>\n\nHi [/INST] Hello </s><s>[INST] Bye [/INST]");
  }

  @Test
  void mistralHasNoSpaceAfterInstClosingAndFoldsSystemIntoFirstUser() {
    ChatTemplate t = ChatTemplates.detect("{{ '[INST] ' + message['content'] + ' [/INST]' }}");

    String prompt = t.render(CONVERSATION, true);

    assertThat(t.family()).isEqualTo(ChatFamily.MISTRAL);
    assertThat(prompt).isEqualTo("[INST] S\n\nHi [/INST]Hello</s>[INST] Bye [/INST]");
  }

  @Test
  void mistralV3PutsSystemBeforeTheLastUserMessageAndSpacesTheAnswer() {
    ChatTemplate t =
        ChatTemplates.detect(
            "{{- \"[AVAILABLE_TOOLS] [\" }} {{- \"[INST] \" + message[\"content\"] + \"[/INST]\" }}");

    String prompt = t.render(CONVERSATION, true);

    assertThat(t.family()).isEqualTo(ChatFamily.MISTRAL);
    assertThat(prompt).isEqualTo("[INST] Hi[/INST] Hello</s>[INST] S\n\nBye[/INST]");
  }

  @Test
  void mistralV7HasItsOwnSystemBlockAndNoSpaces() {
    ChatTemplate t =
        ChatTemplates.detect(
            "{{- '[SYSTEM_PROMPT]' + system_message + '[/SYSTEM_PROMPT]' }} '[INST]'");

    String prompt = t.render(CONVERSATION, true);

    assertThat(prompt)
        .isEqualTo("[SYSTEM_PROMPT]S[/SYSTEM_PROMPT][INST]Hi[/INST]Hello</s>[INST]Bye[/INST]");
  }

  @Test
  void phi3MarksEachRoleAndEndsTurnsWithEnd() {
    ChatTemplate t = ChatTemplates.detect("{{'<|user|>\\n' + message['content'] + '<|end|>\\n'}}");

    String withPrompt = t.render(CONVERSATION, true);
    String closed = t.render(List.of(Msg.user("Hi")), false);

    assertThat(withPrompt)
        .isEqualTo(
            "<|system|>\nS<|end|>\n<|user|>\nHi<|end|>\n<|assistant|>\nHello<|end|>\n"
                + "<|user|>\nBye<|end|>\n<|assistant|>\n");
    assertThat(closed).isEqualTo("<|user|>\nHi<|end|>\n<|endoftext|>");
  }

  @Test
  void gemmaFoldsSystemIntoFirstTurnAndCallsTheAssistantModel() {
    ChatTemplate t = ChatTemplates.detect("{{ '<start_of_turn>' + role + '\\n' }}");
    List<Msg> messages =
        List.of(Msg.system("S"), Msg.user(" Hi "), Msg.assistant("Hello\n"), Msg.user("Bye"));

    String prompt = t.render(messages, true);

    assertThat(prompt)
        .isEqualTo(
            "<start_of_turn>user\nS\n\nHi<end_of_turn>\n<start_of_turn>model\nHello<end_of_turn>\n"
                + "<start_of_turn>user\nBye<end_of_turn>\n<start_of_turn>model\n");
  }

  @Test
  void missingTemplateFallsBackToPlainRoleLines() {
    ChatTemplate t = ChatTemplates.detect(null);

    String prompt = t.render(CONVERSATION, true);

    assertThat(t.family()).isEqualTo(ChatFamily.PLAIN);
    assertThat(prompt).isEqualTo("System: S\nUser: Hi\nAssistant: Hello\nUser: Bye\nAssistant:");
    assertThat(t.stopStrings()).contains("\nUser:");
  }

  @Test
  void unrecognisedTemplateAlsoFallsBackToPlain() {
    assertThat(ChatTemplates.detect("{{ messages | something_new }}").family())
        .isEqualTo(ChatFamily.PLAIN);
    assertThat(ChatTemplates.detect("   ").family()).isEqualTo(ChatFamily.PLAIN);
  }

  @Test
  void templatesWithoutToolFormatRejectToolMessages() {
    ChatTemplate gemma = ChatTemplates.of(ChatFamily.GEMMA);

    assertThatThrownBy(() -> gemma.render(List.of(Msg.user("Hi"), Msg.tool("c", "x")), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("messages[1]");
  }

  @Test
  void instTemplatesRejectRolesTheyCannotRender() {
    ChatTemplate mistral = ChatTemplates.of(ChatFamily.MISTRAL);
    List<Msg> messages = List.of(Msg.user("Hi"), Msg.system("late system"));

    assertThatThrownBy(() -> mistral.render(messages, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("role 'system'");
  }

  @Test
  void eachFamilyReportsItsTurnTerminator() {
    assertThat(ChatFamily.CHATML.stopStrings()).contains("<|im_end|>");
    assertThat(ChatFamily.LLAMA3.stopStrings()).contains("<|eot_id|>");
    assertThat(ChatFamily.LLAMA2.stopStrings()).containsExactly("</s>");
    assertThat(ChatFamily.MISTRAL.stopStrings()).containsExactly("</s>");
    assertThat(ChatFamily.PHI3.stopStrings()).contains("<|end|>");
    assertThat(ChatFamily.GEMMA.stopStrings()).contains("<end_of_turn>");
  }

  @Test
  void nullMessagesAreRejectedByName() {
    ChatTemplate t = ChatTemplates.of(ChatFamily.CHATML);

    assertThatThrownBy(() -> t.render(null, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("messages");
  }
}
