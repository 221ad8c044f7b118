package dev.llmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.local.testing.SharedModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs completions and chat on the tiny stories260K model (skipped when it is not around). */
class LocalModelCommandsTest {
  private static final int TOKENS = 24;

  @Test
  void greedyCompletionPrintsExactlyTheReferenceText() throws IOException {
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");
    JsonNode reference =
        new ObjectMapper()
            .readTree(SharedModels.resolve("reference/stories260K-F32.greedy.json").toFile());
    JsonNode once = reference.get("cases").get(0);
    StringBuilder expected = new StringBuilder();
    JsonNode pieces = once.get("results").get("llama.cpp").get("pieces");
    for (int i = 0; i < TOKENS; i++) {
      expected.append(pieces.get(i).asText());
    }

    Cli.Result result =
        Cli.run(
            "complete",
            "--model",
            model.toString(),
            "--temperature",
            "0",
            "--max-tokens",
            String.valueOf(TOKENS),
            once.get("prompt").asText());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(expected.toString());
  }

  @Test
  void streamedCompletionEqualsTheBlockingOne() {
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");
    String[] args = {
      "complete",
      "--model",
      model.toString(),
      "--temperature",
      "0",
      "--max-tokens",
      "16",
      "The little dog"
    };

    Cli.Result blocking = Cli.run(args);
    Cli.Result streamed = Cli.run(concat(args, "--stream"));

    assertThat(blocking.exitCode()).isZero();
    assertThat(blocking.out()).isNotBlank().isEqualTo(streamed.out());
  }

  @Test
  void oneShotChatIsDeterministicWithTemperatureZero() {
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");
    String[] args = {
      "chat",
      "--provider",
      "local",
      "--model",
      model.toString(),
      "--temperature",
      "0",
      "--max-tokens",
      "12",
      "Tell me a story"
    };

    Cli.Result first = Cli.run(args);
    Cli.Result second = Cli.run(concat(args, "--stream"));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).isNotBlank().isEqualTo(second.out());
  }

  @Test
  void embedOnTheLocalProviderPrintsOneVectorPerText() {
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");

    Cli.Result result =
        Cli.run(
            "embed",
            "--model",
            model.toString(),
            "-Dllmkit.local.embedding-model=" + model,
            "--format",
            "json",
            "a cat",
            "a dog");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .hasSize(2)
        .allSatisfy(
            line -> assertThat(line).matches("\\{\"index\":\\d,\"embedding\":\\[[-0-9.E,]+]}"));
  }

  @Test
  void embedWithOnlyAnEmbeddingGgufGivesTheApiVectors() {
    Path model = SharedModels.resolve("all-MiniLM-L6-v2/all-MiniLM-L6-v2-f16.gguf");

    Cli.Result result =
        Cli.run(
            "embed",
            "--provider",
            "local",
            "--model",
            model.toString(),
            "--format",
            "json",
            "-Dllmkit.local.threads=2",
            "A man is eating food.",
            "A man is eating a piece of bread.",
            "The girl is carrying a baby.");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = result.out().lines().collect(Collectors.toList());
    assertThat(lines).hasSize(3);
    float[][] v = new float[3][];
    for (int i = 0; i < 3; i++) {
      JsonNode node = readTree(lines.get(i));
      assertThat(node.get("index").asInt()).isEqualTo(i);
      v[i] = new float[node.get("embedding").size()];
      for (int j = 0; j < v[i].length; j++) {
        v[i][j] = (float) node.get("embedding").get(j).asDouble();
      }
      assertThat(v[i]).hasSize(384);
    }
    assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]));
    assertThat(dot(v[0], v[0])).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));

    Cli.Result summary = Cli.run("embed", "--model", model.toString(), "hello");
    assertThat(summary.out()).startsWith("0: 384 dims [");
  }

  private static JsonNode readTree(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static String[] concat(String[] args, String extra) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = extra;
    return all;
  }
}
