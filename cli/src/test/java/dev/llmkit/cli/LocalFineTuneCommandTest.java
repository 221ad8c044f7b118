package dev.llmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.testing.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fine-tune create --wait} on the local provider; the printed id in complete and chat. */
class LocalFineTuneCommandTest {
  @TempDir Path dir;

  @Test
  void createWaitPrintsTheModelIdThatCompleteAndChatUse() throws IOException {
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");
    Path data = dir.resolve("data.jsonl");
    Files.writeString(
        data,
        "{\"prompt\": \"Tom saw a\", \"completion\": \" big green frog.\"}\n"
            + "{\"prompt\": \"Lily ate a\", \"completion\": \" red apple pie.\"}\n");
    String dataDir = "--set=local.data-dir=" + dir;

    Cli.Result created =
        Cli.run(
            "fine-tune",
            "create",
            "--provider",
            "local",
            "--model",
            model.toString(),
            "--training-file",
            data.toString(),
            "--suffix",
            "cli",
            "--epochs",
            "2",
            "--wait",
            dataDir,
            "--set=local.threads=1");

    assertThat(created.exitCode()).as(created.err()).isZero();
    List<String> out = created.out().lines().toList();
    String id = out.get(out.size() - 1);
    assertThat(out).hasSize(1);
    assertThat(id).startsWith("ft:stories260K:cli:ftjob-");
    assertThat(created.err())
        .contains("uploaded " + data)
        .contains("step ")
        .contains("status: succeeded");

    Cli.Result completed =
        Cli.run(
            "complete",
            "--provider",
            "local",
            "--model",
            id,
            "--temperature",
            "0",
            "--max-tokens",
            "6",
            dataDir,
            "Tom saw a");
    assertThat(completed.exitCode()).as(completed.err()).isZero();
    assertThat(completed.out()).isNotBlank();

    Cli.Result chat =
        Cli.run(
            "chat",
            "--provider",
            "local",
            "--model",
            id,
            "--temperature",
            "0",
            "--max-tokens",
            "6",
            dataDir,
            "Hello");
    assertThat(chat.exitCode()).as(chat.err()).isZero();

    Cli.Result unknown =
        Cli.run(
            "complete",
            "--provider",
            "local",
            "--model",
            "ft:stories260K:cli:ftjob-missing",
            dataDir,
            "Tom");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.err()).contains("ftjob-missing").contains("data-dir");
  }
}
