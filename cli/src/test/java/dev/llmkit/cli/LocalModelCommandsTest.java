package dev.llmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.local.testing.SharedModels;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs completions and chat on the tiny stories260K model (skipped when it is not around). */
class LocalModelCommandsTest {
  private static final int TOKENS = 24;

  @Test
  void greedyCompletionPrintsExactlyTheReferenceText() throws IOException {
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");
    JsonNode reference = new ObjectMapper().readTree(
        SharedModels.resolve("reference/stories260K-F32.greedy.json").toFile());
    JsonNode once = reference.get("cases").get(0);
    StringBuilder expected = new StringBuilder();
    JsonNode pieces = once.get("results").get("llama.cpp").get("pieces");
    for (int i = 0; i < TOKENS; i++) {
      expected.append(pieces.get(i).asText());
    }

    Cli.Result result = Cli.run("complete", "--model", model.toString(), "--temperature", "0",
        "--max-tokens", String.valueOf(TOKENS), once.get("prompt").asText());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(expected.toString());
  }

  @Test
  void streamedCompletionEqualsTheBlockingOne() {
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");
    String[] args = {"complete", "--model", model.toString(), "--temperature", "0",
        "--max-tokens", "16", "The little dog"};

    Cli.Result blocking = Cli.run(args);
    Cli.Result streamed = Cli.run(concat(args, "--stream"));

    assertThat(blocking.exitCode()).isZero();
    assertThat(blocking.out()).isNotBlank().isEqualTo(streamed.out());
  }

  @Test
  void oneShotChatIsDeterministicWithTemperatureZero() {
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");
    String[] args = {"chat", "--provider", "local", "--model", model.toString(),
        "--temperature", "0", "--max-tokens", "12", "Tell me a story"};

    Cli.Result first = Cli.run(args);
    Cli.Result second = Cli.run(concat(args, "--stream"));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).isNotBlank().isEqualTo(second.out());
  }

  @Test
  void embedOnTheLocalProviderPrintsOneVectorPerText() {
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");

    Cli.Result result = Cli.run("embed", "--model", model.toString(),
        "-Dllmkit.local.embedding-model=" + model, "--format", "json", "a cat", "a dog");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines()).hasSize(2)
        .allSatisfy(line -> assertThat(line)
            .matches("\\{\"index\":\\d,\"embedding\":\\[[-0-9.E,]+]}"));
  }

  private static String[] concat(String[] args, String extra) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = extra;
    return all;
  }
}
