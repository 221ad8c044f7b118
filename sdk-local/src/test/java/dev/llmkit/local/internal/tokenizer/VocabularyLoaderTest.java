package dev.llmkit.local.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.GgufMetadata;
import dev.llmkit.local.internal.template.ChatFamily;
import dev.llmkit.local.internal.template.ChatTemplates;
import dev.llmkit.local.testing.GgufWriter;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokenizer metadata read from small GGUF files written by the test. */
class VocabularyLoaderTest {
  @TempDir Path dir;

  private <T> T withMetadata(GgufWriter writer, Function<GgufMetadata, T> action) {
    Path file = writer.write(dir.resolve("t.gguf"));
    try (GgufFile gguf = GgufFile.open(file)) {
      return action.apply(gguf.metadata());
    }
  }

  private static GgufWriter spm() {
    return new GgufWriter()
        .putString("tokenizer.ggml.model", "llama")
        .putStringArray("tokenizer.ggml.tokens", "<unk>", "<s>", "</s>", "▁", "H", "i", "Hi", "▁Hi")
        .putFloatArray("tokenizer.ggml.scores", 0, 0, 0, -1, -2, -2, -1, -0.5f)
        .putIntArray("tokenizer.ggml.token_type", 2, 3, 3, 1, 1, 1, 1, 1);
  }

  @Test
  void spmDefaultsToBosAndSpacePrefix() {
    int[] ids = withMetadata(spm(), md -> Tokenizer.fromMetadata(md).encode("Hi", true, false));

    assertThat(ids).containsExactly(1, 7);
  }

  @Test
  void metadataFlagsOverrideTheDefaults() {
    GgufWriter w =
        spm()
            .putBool("tokenizer.ggml.add_space_prefix", false)
            .putBool("tokenizer.ggml.add_bos_token", false)
            .putBool("tokenizer.ggml.add_eos_token", true);

    int[] ids = withMetadata(w, md -> Tokenizer.fromMetadata(md).encode("Hi", true, false));

    assertThat(ids).containsExactly(6, 2);
  }

  @Test
  void uint32MinusOneIdsMeanAbsent() {
    GgufWriter w =
        spm()
            .putU32("tokenizer.ggml.padding_token_id", 0xFFFFFFFFL)
            .putU32("tokenizer.ggml.eot_token_id", 2);

    Vocabulary v = withMetadata(w, VocabularyLoader::fromMetadata);

    assertThat(v.paddingId()).isEqualTo(Vocabulary.NONE);
    assertThat(v.endOfTurnId()).isEqualTo(2);
  }

  @Test
  void unsupportedTokenizerModelIsAModelLoadError() {
    GgufWriter w =
        new GgufWriter()
            .putString("tokenizer.ggml.model", "rwkv")
            .putStringArray("tokenizer.ggml.tokens", "[PAD]");

    assertThatThrownBy(() -> withMetadata(w, Tokenizer::fromMetadata))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("rwkv")
        .hasMessageContaining("llama, gpt2, bert");
  }

  @Test
  void missingTokensOrMergesAreModelLoadErrors() {
    GgufWriter noTokens = new GgufWriter().putString("tokenizer.ggml.model", "llama");
    GgufWriter noMerges =
        new GgufWriter()
            .putString("tokenizer.ggml.model", "gpt2")
            .putStringArray("tokenizer.ggml.tokens", "a");

    assertThatThrownBy(() -> withMetadata(noTokens, Tokenizer::fromMetadata))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tokenizer.ggml.tokens");
    assertThatThrownBy(() -> withMetadata(noMerges, Tokenizer::fromMetadata))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("merges");
  }

  @Test
  void addBosWithoutAValidBosIdIsAModelLoadError() {
    GgufWriter w =
        new GgufWriter()
            .putString("tokenizer.ggml.model", "gpt2")
            .putStringArray("tokenizer.ggml.tokens", "a")
            .putStringArray("tokenizer.ggml.merges")
            .putBool("tokenizer.ggml.add_bos_token", true)
            .putU32("tokenizer.ggml.bos_token_id", 0xFFFFFFFFL);

    assertThatThrownBy(() -> withMetadata(w, Tokenizer::fromMetadata))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("BOS");
  }

  @Test
  void chatTemplateIsReadFromMetadata() {
    GgufWriter w = spm().putString("tokenizer.chat_template", "{{ '<start_of_turn>user\\n' }}");

    ChatFamily family = withMetadata(w, md -> ChatTemplates.fromMetadata(md).family());

    assertThat(family).isEqualTo(ChatFamily.GEMMA);
  }
}
