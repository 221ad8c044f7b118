package dev.llmkit.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.llmkit.local.internal.embedding.*; // WordPieceTokenizer (moving to tokenizer)
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tokenizer.*; // Tokenizer
import dev.llmkit.local.testing.SharedModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the tokenizers on real vocabularies (llama.cpp's vocab-only GGUFs):
 * SentencePiece ({@code llama-spm}), byte-level BPE ({@code gpt-2}) and WordPiece ({@code
 * bert-bge}). For any text: ids are within the vocabulary, SentencePiece and BPE round-trip exactly
 * ({@code decode(encode(t)) == t}, as {@code Tokenizer.decode} documents; SentencePiece gives
 * U+2581, its space mark, back as a space), encoding with special-token parsing and the quoted
 * (chat content) form do not fail, and WordPiece's pieces, joined back into words, encode to the
 * same ids (WordPiece lowercases, strips accents and splits punctuation, so its text does not come
 * back as it was). No exception is documented for any text, so every exception is a finding. The
 * first byte picks the vocabulary.
 */
class TokenizerFuzzTest {
  // loaded on first use, so that a missing shared model skips (or fails) the test cleanly
  private static Tokenizer spm;
  private static Tokenizer bpe;
  private static WordPieceTokenizer wordPiece;

  private static synchronized void load() {
    if (spm == null) {
      spm = tokenizer("vocab/ggml-vocab-llama-spm.gguf");
      bpe = tokenizer("vocab/ggml-vocab-gpt-2.gguf");
      wordPiece = wordPiece("vocab/ggml-vocab-bert-bge.gguf");
    }
  }

  private static Tokenizer tokenizer(String name) {
    try (GgufFile file = GgufFile.open(SharedModels.resolve(name))) {
      return Tokenizer.fromMetadata(file.metadata());
    }
  }

  private static WordPieceTokenizer wordPiece(String name) {
    Path path = SharedModels.resolve(name);
    try (GgufFile file = GgufFile.open(path)) {
      return WordPieceTokenizer.fromMetadata(file.metadata(), path.getFileName().toString());
    }
  }

  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @FuzzTest(maxDuration = "5m")
  void anyTextRoundTripsThroughEveryTokenizer(FuzzedDataProvider data) {
    load();
    int which = data.consumeInt(0, 2);
    // what a Java string can carry to UTF-8: a lone surrogate becomes '?'
    String text =
        new String(
            data.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8),
            StandardCharsets.UTF_8);
    if (which == 2) {
      wordPieceRoundTrip(text);
      return;
    }
    Tokenizer t = which == 0 ? spm : bpe;
    int vocab = t.vocabulary().size();
    int[] ids = t.encode(text, false, false);
    assertInVocabulary(ids, vocab);
    // SentencePiece writes a space as U+2581, so a U+2581 in the text comes back as a space
    // (as in SentencePiece, Hugging Face and llama.cpp)
    String expected = which == 0 ? text.replace('\u2581', ' ') : text;
    assertThat(t.decode(ids)).as("decode(encode(text))").isEqualTo(expected);
    int[] withSpecial = t.encode(text, true, true);
    assertInVocabulary(withSpecial, vocab);
    int[] quoted = t.encodeQuoted(t.quote(text), true);
    assertInVocabulary(quoted, vocab);
  }

  private static void assertInVocabulary(int[] ids, int vocab) {
    assertThat(IntStream.of(ids).filter(id -> id < 0 || id >= vocab).toArray())
        .as("ids outside the vocabulary of %d", vocab)
        .isEmpty();
  }

  private static void wordPieceRoundTrip(String text) {
    int[] ids = wordPiece.pieces(text, false);
    int vocab = wordPiece.vocabularySize();
    assertInVocabulary(ids, vocab);
    // llama.cpp's BERT vocabularies mark a word's first piece with U+2581 (Hugging Face's pieces
    // without "##"); other pieces continue the word; [UNK] stands for a whole word
    StringBuilder words = new StringBuilder();
    for (int id : ids) {
      String token = wordPiece.token(id);
      if (token.startsWith("\u2581") || id == wordPiece.unknownId()) {
        words
            .append(words.length() == 0 ? "" : " ")
            .append(token.startsWith("\u2581") ? token.substring(1) : token);
      } else {
        words.append(token);
      }
    }
    assertThat(wordPiece.pieces(words.toString(), true)).as("pieces of %s", words).isEqualTo(ids);
    int[] encoded = wordPiece.encode(text, 16, false);
    assertThat(encoded.length).isBetween(2, 16);
    assertThat(encoded[0]).isEqualTo(wordPiece.clsId());
    assertThat(encoded[encoded.length - 1]).isEqualTo(wordPiece.sepId());
    assertThat(Arrays.copyOfRange(encoded, 1, encoded.length - 1))
        .isEqualTo(Arrays.copyOf(ids, Math.min(ids.length, 14)));
  }
}
