package dev.llmkit.local.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards against quadratic tokenization (which takes tens of seconds on these inputs), not a speed
 * claim: the bounds leave room for a loaded 2-core machine running other test JVMs.
 */
class TokenizerPerformanceTest {

  /** About 10 KB of varied words (ASCII, digits, punctuation, accents, CJK), fixed seed. */
  private static String text(long seed) {
    String[] alphabet = {
      "a", "e", "i", "o", "u", "n", "s", "t", "r", "l", "é", "ü", "中", "文", "7", "3"
    };
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 10_000) {
      int len = 1 + random.nextInt(9);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      sb.append(random.nextInt(10) == 0 ? ", " : random.nextInt(20) == 0 ? ".\n" : " ");
    }
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "llama-2-tiny-random/llama-2-tiny-random.gguf",
        "vocab/ggml-vocab-gpt-2.gguf",
        "vocab/ggml-vocab-starcoder.gguf"
      })
  void tenKilobytesTokenizeInWellUnderASecond(String gguf) {
    Tokenizer t = Fixtures.tokenizer(gguf);
    t.encode(text(1), true, false);
    String fresh = text(2);

    long start = System.nanoTime();
    int[] ids = t.encode(fresh, true, false);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(ids.length).isGreaterThan(1000);
    assertThat(millis).as("milliseconds for 10 KB").isLessThan(3000);
    assertThat(t.decode(ids)).isEqualTo(fresh);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"llama-2-tiny-random/llama-2-tiny-random.gguf", "vocab/ggml-vocab-gpt-2.gguf"})
  void oneTenKilobyteWordDoesNotGoQuadratic(String gguf) {
    Tokenizer t = Fixtures.tokenizer(gguf);
    String word = "abcdefghij".repeat(1000);

    long start = System.nanoTime();
    int[] ids = t.encode(word, false, false);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).as("milliseconds for one 10 KB word").isLessThan(5000);
    assertThat(t.decode(ids)).isEqualTo(word);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"llama-2-tiny-random/llama-2-tiny-random.gguf", "vocab/ggml-vocab-starcoder.gguf"})
  void longWhitespaceRunsStayLinear(String gguf) {
    Tokenizer t = Fixtures.tokenizer(gguf);
    String text = " \t".repeat(5_000) + "x" + " ".repeat(10_000) + "\n".repeat(5_000);

    long start = System.nanoTime();
    int[] ids = t.encode(text, false, false);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).as("milliseconds for 30 KB of whitespace").isLessThan(5000);
    assertThat(t.decode(ids)).isEqualTo(text);
  }
}
