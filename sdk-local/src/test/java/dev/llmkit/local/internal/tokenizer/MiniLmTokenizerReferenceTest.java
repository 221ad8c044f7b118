package dev.llmkit.local.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.llmkit.local.MiniLmReference;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WordPiece ids of all-MiniLM-L6-v2's GGUF vocabulary must be the Hugging Face tokenizer's (the
 * tokenizer.json shipped with langchain4j's ONNX model, run by DJL) for hard and random texts.
 */
class MiniLmTokenizerReferenceTest {
  @TempDir static Path tmp;
  private static WordPieceTokenizer ours;
  private static HuggingFaceTokenizer reference;

  @BeforeAll
  static void load() {
    try (GgufFile gguf = GgufFile.open(SharedModels.resolve(MiniLmReference.GGUF))) {
      ours = WordPieceTokenizer.fromMetadata(gguf.metadata(), MiniLmReference.GGUF);
    }
    reference = MiniLmReference.tokenizer(tmp);
  }

  @AfterAll
  static void close() {
    if (reference != null) {
      reference.close();
    }
  }

  private static void assertSameIds(String text) {
    long[] expected = reference.encode(text, false, false).getIds();
    int[] actual = ours.pieces(text, true);
    assertThat(actual)
        .as("ids of %s", escaped(text))
        .containsExactly(java.util.Arrays.stream(expected).mapToInt(v -> (int) v).toArray());
  }

  private static String escaped(String text) {
    StringBuilder b = new StringBuilder();
    text.codePoints()
        .forEach(
            cp ->
                b.append(
                    cp < 0x20 || cp > 0x7E
                        ? String.format("\\u{%X}", cp)
                        : String.valueOf((char) cp)));
    return b.toString();
  }

  @Test
  void hardStringsGiveTheReferenceIds() {
    List<String> hard = new ArrayList<>(MiniLmReference.sentences());
    hard.addAll(
        List.of(
            "ΣΑΣ σας Σ",
            "ὈΔΥΣΣΕΎΣ",
            "a\u2028b\u2029c\u0085d\u000Be\u000Cf",
            "x\uE000y\uDB80\uDC00z",
            "\u0000nul\uFFFDrepl",
            "[MASK][MASK]x[SEP]y",
            "[CLS",
            "[ CLS ]",
            "ǅungla ǈj ǋ",
            "ﬃ ﬄ ﬆ",
            "Å Å Å",
            "𝐀𝐁𝐂 math bold",
            "e\u0301te\u0301",
            "ᾼ ῼ ᾳ",
            "I\u0307stanbul",
            "ＦＵＬＬＷＩＤＴＨ　ｔｅｘｔ",
            "한국어 ㄱㄴㄷ",
            "日本語ﾃｷｽﾄ",
            "\uD83D\uDC4B\uD83C\uDFFD wave",
            "\u3400\u4DBF\uD840\uDC00\uD869\uDEDF\uF900",
            "a".repeat(100),
            "a".repeat(101),
            "ab".repeat(60) + "!",
            "   leading and trailing   ",
            "don't won't can't",
            "U.S.A. e.g. i.e.",
            "$100 €200 £300 ¥400",
            "@user #hashtag"));
    // Edges of the reference's CJK ranges and of the Cf/Co categories, inside words.
    for (int cp :
        new int[] {
          0x2B81F, 0x2B820, 0x2B8FF, 0x2B920, 0x2CEAF, 0x2CEB0, 0x31350, 0x1F972, 0x0600, 0x061C,
          0x180E, 0xE0001, 0x10FFFD, 0x2E3B, 0x1D7CE, 0x3007, 0xF9FF
        }) {
      hard.add("ab" + new String(Character.toChars(cp)) + "cd");
    }
    for (String text : hard) {
      assertSameIds(text);
    }
  }

  @Test
  void randomStringsGiveTheReferenceIds() {
    int[][] ranges = {
      {0x20, 0x7E},
      {0xA0, 0x24F},
      {0x370, 0x3FF},
      {0x400, 0x4FF},
      {0x2000, 0x206F},
      {0x3000, 0x30FF},
      {0x4E00, 0x4E80},
      {0xE000, 0xE010},
      {0x0, 0x1F},
      {0x1F300, 0x1F64F},
      {0xFF00, 0xFFEF},
      {0x300, 0x36F}
    };
    Random random = new Random(16);
    for (int n = 0; n < 400; n++) {
      StringBuilder b = new StringBuilder();
      int length = 1 + random.nextInt(24);
      for (int i = 0; i < length; i++) {
        int[] r = random.nextInt(3) == 0 ? ranges[random.nextInt(ranges.length)] : ranges[0];
        b.appendCodePoint(r[0] + random.nextInt(r[1] - r[0] + 1));
      }
      assertSameIds(b.toString());
    }
  }
}
