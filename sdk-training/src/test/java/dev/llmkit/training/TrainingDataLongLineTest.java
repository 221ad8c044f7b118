package dev.llmkit.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One long string inside the 8M-character line limit: token counting is bounded per chunk, so a
 * 4M-character unbroken run (which exhausted a 256 MB heap when counted whole) validates quickly,
 * and long prose is counted as if whole.
 */
class TrainingDataLongLineTest {
  private static final Encoding O200K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  /** Longer than the ten other examples' questions, so it is the longest example. */
  private static final String BASE = "This baseline question is longer than each of the others?";

  @TempDir Path dir;

  private long maxTokens(String userContent) {
    List<String> lines = Jsonl.tenPlus(Jsonl.chat(userContent));
    return TrainingData.validate(Jsonl.write(dir, lines)).maxTokensPerExample();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFourMillionCharacterRunIsCountedInBoundedWork() {
    String run = "a".repeat(4_000_000);

    long tokens = maxTokens(run) - maxTokens(BASE);

    // the count of a run grows linearly: 50 times that of an 80,000-character run, and the
    // chunk cuts (one per 8,192 characters) move it by at most one token each
    long scaled = 50L * O200K.countTokensOrdinary("a".repeat(80_000));
    assertThat(tokens).isBetween(scaled - 50 - 489, scaled + 50 + 489);
  }

  @Test
  void longProseIsCountedAsIfWhole() {
    StringBuilder prose = new StringBuilder();
    for (int i = 0; prose.length() < 200_000; i++) {
      prose.append("The quick brown fox number ").append(i).append(" jumps over the lazy dog. ");
    }
    String text = prose.toString();

    long exact = O200K.countTokensOrdinary(text) - O200K.countTokensOrdinary(BASE);
    assertThat(maxTokens(text) - maxTokens(BASE))
        .as("one chunk per 8,192 characters")
        .isEqualTo(exact);
    String shortText = text.substring(0, 4_000);
    assertThat(maxTokens(shortText) - maxTokens(BASE))
        .as("without chunks")
        .isEqualTo(O200K.countTokensOrdinary(shortText) - O200K.countTokensOrdinary(BASE));
  }
}
