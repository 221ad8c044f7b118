package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.completion.CompletionChoice;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.testing.GgufCopy;
import dev.llmkit.local.testing.SharedModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The end-of-turn tokens of the gemma ({@code <end_of_turn>}) and phi3 ({@code <|end|>}) chat
 * formats stop generation. The tiny random-weight files have a plain vocabulary, so a copy renames
 * the token the model generates at a known step (from the reference) to the end-of-turn text, as a
 * control token: generation must stop there, and run on with {@code ignore_eos}.
 */
class LocalEndOfTurnTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {3}")
  @CsvSource({
    "tiny-gemma3-F32, little-dog, 1, <end_of_turn>",
    "tiny-gemma2-F32, space, 1, <end_of_turn>",
    "tiny-phi3-F32, little-dog, 2, <|end|>",
  })
  void endOfTurnTokenStopsGeneration(String name, String caseId, int step, String endOfTurn)
      throws IOException {
    JsonNode ref =
        JSON.readTree(SharedModels.resolve("reference/" + name + ".greedy.json").toFile());
    JsonNode c = null;
    for (JsonNode each : ref.get("cases")) {
      c = each.get("id").asText().equals(caseId) ? each : c;
    }
    JsonNode expected = Optional.ofNullable(c).orElseThrow().get("results").get("numpy-f32");
    int renamed = expected.get("token_ids").get(step).asInt();
    StringBuilder before = new StringBuilder();
    for (int k = 0; k < step; k++) {
      assertThat(expected.get("token_ids").get(k).asInt())
          .as("the renamed id comes first at " + step)
          .isNotEqualTo(renamed);
      before.append(expected.get("pieces").get(k).asText());
    }
    Path model =
        withEndOfTurn(
            SharedModels.resolve("tiny-random-arch/" + name + ".gguf"), renamed, endOfTurn);

    try (LocalClient client =
        LocalClient.builder().model(model).contextSize(64).threads(1).build()) {
      CompletionChoice stopped = complete(client, c.get("prompt").asText(), Map.of());
      CompletionChoice ignored =
          complete(client, c.get("prompt").asText(), Map.of("ignore_eos", true));

      assertThat(stopped.text()).isEqualTo(before.toString());
      assertThat(stopped.finishReason()).contains(FinishReason.STOP);
      assertThat(ignored.finishReason()).contains(FinishReason.LENGTH);
      assertThat(ignored.text()).startsWith(before.toString()).hasSizeGreaterThan(before.length());
    }
  }

  private static CompletionChoice complete(
      LocalClient client, String prompt, Map<String, ?> extra) {
    return client
        .completions()
        .complete(
            CompletionRequest.builder()
                .model("local")
                .prompt(prompt)
                .temperature(0.0)
                .maxTokens(8)
                .extraBody(extra)
                .build())
        .choices()
        .get(0);
  }

  /** A copy whose vocabulary entry {@code id} is the control token {@code text}. */
  private Path withEndOfTurn(Path file, int id, String text) {
    String[] tokens;
    int[] types;
    try (GgufFile gguf = GgufFile.open(file)) {
      tokens = gguf.metadata().getStringArray("tokenizer.ggml.tokens").orElseThrow();
      types = gguf.metadata().getIntArray("tokenizer.ggml.token_type").orElseThrow();
    }
    tokens[id] = text;
    types[id] = 3; // CONTROL
    return GgufCopy.of(file)
        .dropKey("tokenizer.ggml.tokens")
        .dropKey("tokenizer.ggml.token_type")
        .metadata(
            w ->
                w.putStringArray("tokenizer.ggml.tokens", tokens)
                    .putIntArray("tokenizer.ggml.token_type", types))
        .write(dir.resolve("eot-" + id + ".gguf"));
  }
}
