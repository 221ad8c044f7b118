package dev.llmkit.local.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.testing.GgufWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class WordPieceTokenizerTest {
  /** Hugging Face vocab.txt convention: continuation pieces start with ##. */
  public static final String[] HF_VOCAB = {
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cafe", "un", "##aff", "##able", "!", ",", "'", "s",
    "hello", "world", "##s", "我", "爱", "a", "##b", "##c", "resume", ".", "-", "naive"
  };

  private final WordPieceTokenizer hf = new WordPieceTokenizer(HF_VOCAB, 1, 2, 3);

  private List<String> pieces(WordPieceTokenizer t, String text) {
    List<String> out = new ArrayList<>();
    for (int id : t.encode(text, 512)) {
      out.add(t.token(id));
    }
    return out;
  }

  @Test
  void wrapsPiecesInClsAndSep() {
    assertThat(pieces(hf, "hello world")).containsExactly("[CLS]", "hello", "world", "[SEP]");
  }

  @Test
  void splitsWordsIntoLongestContinuationPieces() {
    assertThat(pieces(hf, "unaffable worlds"))
        .containsExactly("[CLS]", "un", "##aff", "##able", "world", "##s", "[SEP]");
  }

  @Test
  void lowerCasesAndStripsAccents() {
    assertThat(pieces(hf, "CAFÉ Résumé NAÏVE"))
        .containsExactly("[CLS]", "cafe", "resume", "naive", "[SEP]");
  }

  @Test
  void splitsEveryPunctuationCharacter() {
    assertThat(pieces(hf, "hello,world!!the's."))
        .containsExactly("[CLS]", "hello", ",", "world", "!", "!", "the", "'", "s", ".", "[SEP]");
    assertThat(pieces(hf, "a-b")).containsExactly("[CLS]", "a", "-", "[UNK]", "[SEP]");
  }

  @Test
  void surroundsCjkIdeographsWithSpaces() {
    assertThat(pieces(hf, "我爱world")).containsExactly("[CLS]", "我", "爱", "world", "[SEP]");
  }

  @Test
  void unknownWordsBecomeOneUnknownToken() {
    assertThat(pieces(hf, "hello zzz abx world"))
        .containsExactly("[CLS]", "hello", "[UNK]", "[UNK]", "world", "[SEP]");
    assertThat(pieces(hf, "a".repeat(101))).containsExactly("[CLS]", "[UNK]", "[SEP]");
    assertThat(pieces(hf, "abc")).containsExactly("[CLS]", "a", "##b", "##c", "[SEP]");
  }

  @Test
  void dropsControlCharactersAndTreatsAllWhitespaceAlike() {
    assertThat(pieces(hf, "\u0000hello\u0007\t\n\u00A0world\u200B\uFFFD"))
        .containsExactly("[CLS]", "hello", "world", "[SEP]");
    assertThat(pieces(hf, "   ")).containsExactly("[CLS]", "[SEP]");
  }

  @Test
  void truncatesToMaxTokensKeepingSepLast() {
    int[] ids = hf.encode("hello world hello world hello", 4);

    assertThat(ids).containsExactly(2, 13, 14, 3);
    assertThatThrownBy(() -> hf.encode("x", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTokens");
  }

  @Test
  void understandsLlamaCppPhantomSpaceVocabularies() {
    String[] converted =
        Arrays.stream(HF_VOCAB)
            .map(t -> t.startsWith("[") ? t : t.startsWith("##") ? t.substring(2) : "\u2581" + t)
            .toArray(String[]::new);
    WordPieceTokenizer phantom = new WordPieceTokenizer(converted, 1, 2, 3);

    int[] ids = phantom.encode("Unaffable worlds, CAFÉ!", 512);

    assertThat(ids).containsExactly(hf.encode("Unaffable worlds, CAFÉ!", 512));
    assertThat(ids).containsExactly(2, 6, 7, 8, 14, 15, 10, 5, 9, 3);
  }

  @Test
  void readsVocabularyAndSpecialIdsFromGgufMetadata(@TempDir Path dir) {
    Path file =
        new GgufWriter()
            .putString("general.architecture", "bert")
            .putString("tokenizer.ggml.model", "bert")
            .putStringArray("tokenizer.ggml.tokens", HF_VOCAB)
            .putU32("tokenizer.ggml.unknown_token_id", 1)
            .putU32("tokenizer.ggml.cls_token_id", 2)
            .putU32("tokenizer.ggml.seperator_token_id", 3)
            .write(dir.resolve("vocab.gguf"));

    try (GgufFile gguf = GgufFile.open(file)) {
      WordPieceTokenizer t = WordPieceTokenizer.fromMetadata(gguf.metadata(), "vocab.gguf");

      assertThat(t.clsId()).isEqualTo(2);
      assertThat(t.sepId()).isEqualTo(3);
      assertThat(t.unknownId()).isEqualTo(1);
      assertThat(t.encode("hello", 8)).containsExactly(2, 13, 3);
    }
  }

  @Test
  void casedVocabulariesKeepCaseAndAccents(@TempDir Path dir) {
    String[] vocab = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "Hello", "hello", "Café", "cafe"};
    Path file =
        new GgufWriter()
            .putString("tokenizer.ggml.model", "bert")
            .putStringArray("tokenizer.ggml.tokens", vocab)
            .putBool("tokenizer.ggml.normalizer.lowercase", false)
            .write(dir.resolve("cased.gguf"));

    try (GgufFile gguf = GgufFile.open(file)) {
      WordPieceTokenizer t = WordPieceTokenizer.fromMetadata(gguf.metadata(), "cased.gguf");

      assertThat(t.lowercase()).isFalse();
      assertThat(t.pieces("Hello hello Café cafe", true)).containsExactly(4, 5, 6, 7);
    }
  }

  @Test
  void literalSpecialTokensAreSpecialUnlessTreatedAsText() {
    assertThat(hf.pieces("hello [SEP] world", true)).containsExactly(13, 3, 14);
    assertThat(hf.pieces("hello [SEP] world", false)).containsExactly(13, 1, 1, 1, 14);
  }

  @Test
  void lineAndParagraphSeparatorsSplitWordsAndPrivateUseIsDropped() {
    assertThat(pieces(hf, "hello\u2028world\u2029the\uE000s"))
        .containsExactly("[CLS]", "hello", "world", "the", "##s", "[SEP]");
  }

  @Test
  void refusesOtherTokenizerModels(@TempDir Path dir) {
    Path file =
        new GgufWriter()
            .putString("tokenizer.ggml.model", "gpt2")
            .putStringArray("tokenizer.ggml.tokens", "a")
            .write(dir.resolve("v.gguf"));

    try (GgufFile gguf = GgufFile.open(file)) {
      assertThatThrownBy(() -> WordPieceTokenizer.fromMetadata(gguf.metadata(), "v.gguf"))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("'gpt2'");
    }
  }
}
