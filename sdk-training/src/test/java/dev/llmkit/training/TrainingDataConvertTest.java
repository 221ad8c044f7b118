package dev.llmkit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataConvertTest {
  @TempDir Path dir;

  @Test
  void convertsPromptCompletionLinesToChatLinesVerbatim() throws IOException {
    Path in =
        Jsonl.write(
            dir,
            List.of(
                "{\"prompt\":\"Translate: cat ->\",\"completion\":\" chat\\n\"}",
                "",
                "{\"prompt\":\"Say \\\"hi\\\" é\",\"completion\":\" hé\"}"));
    Path out = dir.resolve("chat.jsonl");

    long count = TrainingData.convertPromptCompletionToChat(in, out);

    assertThat(count).isEqualTo(2);
    assertThat(Files.readAllLines(out, StandardCharsets.UTF_8))
        .containsExactly(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Translate: cat ->\"},"
                + "{\"role\":\"assistant\",\"content\":\" chat\\n\"}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Say \\\"hi\\\" é\"},"
                + "{\"role\":\"assistant\",\"content\":\" hé\"}]}");
  }

  @Test
  void addsTheSystemPromptToEveryExample() throws IOException {
    Path in = Jsonl.write(dir, List.of("{\"prompt\":\"Q\",\"completion\":\"A\"}"));
    Path out = dir.resolve("chat.jsonl");

    TrainingData.convertPromptCompletionToChat(in, out, "You are a translator.");

    assertThat(Files.readString(out))
        .isEqualTo(
            "{\"messages\":[{\"role\":\"system\",\"content\":\"You are a translator.\"},"
                + "{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"A\"}]}\n");
  }

  @Test
  void convertedFileValidatesAsChat() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add("{\"prompt\":\"Q" + i + "\",\"completion\":\"A" + i + "\"}");
    }
    Path out = dir.resolve("chat.jsonl");

    TrainingData.convertPromptCompletionToChat(Jsonl.write(dir, lines), out, "Be brief.");
    ValidationReport report = TrainingData.validate(out);

    assertThat(report.isValid()).isTrue();
    assertThat(report.format()).contains(TrainingFormat.CHAT);
    assertThat(report.examples()).isEqualTo(12);
    assertThat(report.messages()).isEqualTo(36);
  }

  @Test
  void aLineThatIsNotPromptCompletionFailsNamingTheLine() {
    Path in =
        Jsonl.write(dir, List.of("{\"prompt\":\"Q\",\"completion\":\"A\"}", "{\"prompt\":\"Q\"}"));

    assertThatThrownBy(
            () -> TrainingData.convertPromptCompletionToChat(in, dir.resolve("out.jsonl")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void refusesToOverwriteItsInput() {
    Path in = Jsonl.write(dir, List.of("{\"prompt\":\"Q\",\"completion\":\"A\"}"));

    assertThatThrownBy(() -> TrainingData.convertPromptCompletionToChat(in, in))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same file");
  }
}
