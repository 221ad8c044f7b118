package dev.llmkit.local.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Token ids must equal llama.cpp's / Hugging Face's for the shared reference texts. */
class TokenizerReferenceTest {

  static Stream<Arguments> referenceFiles() {
    return Stream.of(
        Arguments.of("tokenize.tok512.json", "stories260K/stories260K.gguf"),
        Arguments.of(
            "tokenize.llama2-spm-32000.json", "llama-2-tiny-random/llama-2-tiny-random.gguf"));
  }

  @ParameterizedTest
  @MethodSource("referenceFiles")
  @SuppressWarnings("unchecked")
  void sentencePieceIdsMatchReferenceWithBos(String reference, String gguf) {
    Tokenizer tokenizer = Fixtures.tokenizer(gguf);
    Map<String, Object> ref = Fixtures.reference(reference);
    List<Map<String, Object>> cases = (List<Map<String, Object>>) ref.get("cases");

    assertThat(cases).hasSize(13);
    for (Map<String, Object> c : cases) {
      String text = (String) c.get("text");
      int[] expected = Fixtures.ints(c.get("token_ids"));

      int[] actual = tokenizer.encode(text, true, false);

      assertThat(actual).as("ids of %s", text).containsExactly(expected);
      List<String> tokens = (List<String>) c.get("tokens");
      for (int i = 0; i < actual.length; i++) {
        assertThat(tokenizer.vocabulary().token(actual[i])).isEqualTo(tokens.get(i));
      }
    }
  }

  static Stream<Arguments> vocabCases() {
    return cases("llama-spm", "gpt-2", "starcoder");
  }

  /** All vocab tests, WordPiece (bert-bge, an uncased BERT vocabulary) included. */
  static Stream<Arguments> allVocabCases() {
    return cases("llama-spm", "gpt-2", "starcoder", "bert-bge");
  }

  private static Stream<Arguments> cases(String... vocabs) {
    return Stream.of(vocabs)
        .flatMap(v -> Fixtures.vocabCases("ggml-vocab-" + v).stream().map(c -> Arguments.of(v, c)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("allVocabCases")
  void vocabTestVectorsGiveUpstreamIds(String vocab, Fixtures.VocabCase c) {
    Tokenizer tokenizer = Fixtures.tokenizer("vocab/ggml-vocab-" + vocab + ".gguf");

    int[] actual = tokenizer.encode(c.text(), false, false);

    assertThat(actual).as("ids of %s", c.text()).containsExactly(c.ids());
  }

  /** Lower-casing WordPiece cannot give the text back, so bert-bge is not among these. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("vocabCases")
  void vocabTestVectorsDecodeBackToTheirText(String vocab, Fixtures.VocabCase c) {
    Tokenizer tokenizer = Fixtures.tokenizer("vocab/ggml-vocab-" + vocab + ".gguf");

    String decoded = tokenizer.decode(c.ids());

    assertThat(decoded).isEqualTo(c.text());
  }
}
