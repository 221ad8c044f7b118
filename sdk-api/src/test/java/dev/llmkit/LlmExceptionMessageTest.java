package dev.llmkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Messages built from untrusted bytes cannot drive a terminal or grow without bound. */
class LlmExceptionMessageTest {
  @Test
  void controlAndBidiCharactersAreEscapedButNewlinesAndTabsStay() {
    LlmException e =
        new ModelLoadException(
            "local", "bad name '\u001b[2J\u001b[Hok\r\u0007\u202Eevil\u0085' in\nline two\tcol");

    assertThat(e.getMessage())
        .isEqualTo(
            "bad name '\\u001b[2J\\u001b[Hok\\u000d\\u0007\\u202eevil\\u0085' in\nline two\tcol");
  }

  @Test
  void longMessagesAreCutAndMarked() {
    LlmException e = new LlmIoException("local", "x".repeat(1 << 20), null);

    assertThat(e.getMessage()).hasSize(LlmException.MAX_MESSAGE_LENGTH).endsWith("…[truncated]");
    LlmException escaped = new LlmException("local", "\u001b".repeat(5_000));
    assertThat(escaped.getMessage())
        .hasSizeLessThanOrEqualTo(LlmException.MAX_MESSAGE_LENGTH)
        .doesNotContain("\u001b");
  }

  @Test
  void serverMessagesAreEscapedTooWhileTheRawBodyIsKept() {
    LlmApiException e =
        LlmApiException.builder("openai", 400)
            .message("\u001b[31mred")
            .rawBody("{\"error\":\"\u001b[31mred\"}")
            .build();

    assertThat(e.serverMessage()).isEqualTo("\\u001b[31mred");
    assertThat(e.rawBody()).contains("\u001b");
  }

  @Test
  void ordinaryMessagesAreKeptAsTheyAre() {
    String text = "model.gguf: tensor blk.0.attn_q.weight has shape [64, 64], expected [64, 32]";
    assertThat(new ModelLoadException("local", text).getMessage()).isSameAs(text);
  }
}
