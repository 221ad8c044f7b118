package dev.llmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmkit files} on the local provider needs no model: the file store is all it uses. */
class LocalFilesCommandTest {
  @TempDir Path dir;

  @Test
  void filesWorkWithoutAnyModel() throws IOException {
    Path data = dir.resolve("data");
    Path train = Files.writeString(dir.resolve("train.jsonl"), "{\"messages\":[]}\n");

    Cli.Result upload = Cli.run("files", "upload", "--set", "local.data-dir=" + data,
        "--purpose", "user_data", train.toString());
    String id = upload.out().strip();
    Cli.Result list = Cli.run("files", "list", "--set", "local.data-dir=" + data);

    assertThat(upload.exitCode()).as(upload.err()).isZero();
    assertThat(id).startsWith("file-");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).isEqualTo(id + "\t16\tuser_data\ttrain.jsonl\n");
  }
}
