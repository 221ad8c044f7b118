package dev.llmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.testing.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local provider loads only the model a command needs: files none, moderate the guard model,
 * embed the embedding model; none of them needs a chat model.
 */
class LocalModelRolesCommandTest {
  @TempDir Path dir;

  private String dataDir() {
    return "local.data-dir=" + dir.resolve("data");
  }

  @Test
  void filesWorkWithoutAnyModel() throws IOException {
    Path file = dir.resolve("train.jsonl");
    Files.writeString(file, "{\"messages\": []}\n");

    Cli.Result upload = Cli.run("files", "upload", "--set", dataDir(), file.toString());
    String id = upload.out().strip();
    Cli.Result list = Cli.run("files", "list", "--set", dataDir());
    Cli.Result content = Cli.run("files", "content", "--set", dataDir(), id);
    Cli.Result rm = Cli.run("files", "rm", "--set", dataDir(), id);
    Cli.Result after = Cli.run("files", "list", "--set", dataDir());

    assertThat(upload.exitCode()).as(upload.err()).isZero();
    assertThat(id).startsWith("file-");
    assertThat(list.out().lines()).containsExactly(id + "\t17\tfine-tune\ttrain.jsonl");
    assertThat(content.out()).isEqualTo("{\"messages\": []}\n");
    assertThat(rm.out()).isEqualTo("deleted " + id + "\n");
    assertThat(after.exitCode()).as(after.err()).isZero();
    assertThat(after.out()).isEmpty();
  }

  @Test
  void filesDoNotLoadAConfiguredModel() {
    // A configured chat model that does not exist: loading it would fail with exit code 2.
    Cli.Result result =
        Cli.run(
            Map.of("LLMKIT_LOCAL_MODEL", dir.resolve("missing.gguf").toString()),
            "",
            "files",
            "list",
            "--set",
            dataDir());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
  }

  @Test
  void moderateLoadsModelAsTheGuardModelWithoutAChatModel() {
    Path guard = SharedModels.resolve("stories260K/stories260K.gguf");

    Cli.Result result =
        Cli.run(
            "moderate",
            "--model",
            guard.toString(),
            "--set",
            "local.threads=1",
            "--set",
            dataDir(),
            "Once upon a time");

    // stories260K as a guard model reads fewer tokens than the Llama Guard prompt has: the guard
    // model ran when it says so (a chat model is never asked).
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("llmkit: local API error 400 context_length_exceeded:")
        .contains("guard model stories260K takes at most");
  }

  @Test
  void moderateWithoutAGuardModelSaysWhichFlagToGive() {
    Cli.Result result = Cli.run("moderate", "--set", dataDir(), "some text");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "llmkit: no local moderation-model: give --model FILE.gguf or --model"
                + " hf:<owner>/<repo>/<file>.gguf (a Llama Guard 3 GGUF) (or set"
                + " llmkit.local.moderation-model)\n");
  }

  @Test
  void embedIgnoresAConfiguredGuardModelAndAsksForAnEmbeddingModel() {
    Cli.Result result =
        Cli.run(
            "embed",
            "--set",
            "local.moderation-model=" + dir.resolve("guard.gguf"),
            "--set",
            dataDir(),
            "hello");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("llmkit: no local embedding-model: give --model");
  }
}
