package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmkit.LlmException;
import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.testing.GgufCopy;
import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hyper-parameters that pass the GGUF parser but cannot describe the model are rejected at load
 * with a message naming the key and value, before anything is sized by them; messages built from
 * the file's bytes are bounded and free of control characters. Regressions of the cases found by
 * {@link LocalModelMutationTest}.
 */
class LocalModelValidationTest {
  private static final String STORIES = "stories260K/stories260K.gguf";

  @TempDir Path dir;

  private Path copy(String name, UnaryOperator<GgufCopy> edit) {
    return edit.apply(GgufCopy.of(SharedModels.resolve(STORIES))).write(dir.resolve(name));
  }

  private static Throwable load(Path file) {
    return catchThrowable(() -> LocalClient.builder().model(file).threads(1).build().close());
  }

  @Test
  void aFlippedBitInBlockCountFailsBeforeAllocatingLayers() {
    // 5 with bit 24 set, as one flipped bit produced it
    Path file =
        copy(
            "blocks.gguf",
            c ->
                c.dropKey("llama.block_count")
                    .metadata(w -> w.putU32("llama.block_count", (1 << 24) + 5)));

    assertThat(load(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("llama.block_count is 16777221")
        .hasMessageContaining("tensors");
  }

  @Test
  void negativeOrZeroContextLengthIsTheFilesFaultNotTheCallers() {
    for (int context : new int[] {-5, 0}) {
      Path file =
          copy(
              "ctx" + context + ".gguf",
              c ->
                  c.dropKey("llama.context_length")
                      .metadata(w -> w.putI32("llama.context_length", context)));

      assertThat(load(file))
          .as("context_length %d", context)
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("llama.context_length must be a positive integer")
          .hasMessageContaining(String.valueOf(context));
    }
  }

  @Test
  void vocabularySmallerThanTheEmbeddingFailsAtLoadNotMidGeneration() {
    Path source = SharedModels.resolve(STORIES);
    String[] tokens;
    float[] scores;
    int[] types;
    try (GgufFile gguf = GgufFile.open(source)) {
      tokens = (String[]) gguf.metadata().get("tokenizer.ggml.tokens").orElseThrow();
      scores = (float[]) gguf.metadata().get("tokenizer.ggml.scores").orElseThrow();
      types = (int[]) gguf.metadata().get("tokenizer.ggml.token_type").orElseThrow();
    }
    int n = tokens.length - 12;
    Path file =
        copy(
            "vocab.gguf",
            c ->
                c.dropKey("tokenizer.ggml.tokens")
                    .dropKey("tokenizer.ggml.scores")
                    .dropKey("tokenizer.ggml.token_type")
                    .metadata(
                        w ->
                            w.putStringArray("tokenizer.ggml.tokens", Arrays.copyOf(tokens, n))
                                .putFloatArray("tokenizer.ggml.scores", Arrays.copyOf(scores, n))
                                .putIntArray(
                                    "tokenizer.ggml.token_type", Arrays.copyOf(types, n))));

    assertThat(load(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tokenizer has " + n + " tokens")
        .hasMessageContaining(tokens.length + " rows");
  }

  @Test
  void hostileBytesInAFileAreNotEchoedIntoMessages() {
    String hostile = "\u001b[2J\u001b[H fake prompt$ \r" + "x".repeat(1 << 20);
    Path file =
        copy(
            "hostile.gguf",
            c ->
                c.dropKey("general.architecture")
                    .metadata(w -> w.putString("general.architecture", hostile)));

    Throwable thrown = load(file);

    assertThat(thrown)
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("unsupported model architecture");
    assertThat(thrown.getMessage())
        .hasSizeLessThanOrEqualTo(LlmException.MAX_MESSAGE_LENGTH)
        .doesNotContain("\u001b")
        .doesNotContain("\r")
        .contains("\\u001b[2J")
        .endsWith("…[truncated]");
  }
}
