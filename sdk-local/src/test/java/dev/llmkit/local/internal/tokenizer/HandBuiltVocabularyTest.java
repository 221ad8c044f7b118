package dev.llmkit.local.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small vocabularies whose expected ids are worked out by hand from the merge rules. */
class HandBuiltVocabularyTest {

  /** ids: 0 unk, 1 s, 2 /s, 3..258 bytes, then the given pieces from 259. */
  private static Tokenizer spm(boolean spacePrefix, String[] pieces, float[] pieceScores) {
    List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    List<Integer> types = new ArrayList<>(List.of(2, 3, 3));
    for (int b = 0; b < 256; b++) {
      tokens.add(String.format("<0x%02X>", b));
      types.add(6);
    }
    float[] scores = new float[tokens.size() + pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      tokens.add(pieces[i]);
      types.add(1);
      scores[259 + i] = pieceScores[i];
    }
    return Tokenizer.of(
        Vocabulary.builder(Vocabulary.Kind.SENTENCE_PIECE)
            .tokens(tokens.toArray(String[]::new))
            .scores(scores)
            .types(types.stream().mapToInt(Integer::intValue).toArray())
            .bos(1)
            .eos(2)
            .unknown(0)
            .addSpacePrefix(spacePrefix)
            .build());
  }

  @Test
  void spmMergesTheHighestScoringPairFirst() {
    // 259 ▁, 260 a, 261 b, 262 ab, 263 ▁ab, 264 ▁a
    Tokenizer t =
        spm(
            true,
            new String[] {"▁", "a", "b", "ab", "▁ab", "▁a"},
            new float[] {-1f, -2f, -3f, -1.5f, -0.5f, -4f});

    // "▁a" (-4) loses to "ab" (-1.5); then "▁" + "ab" forms "▁ab".
    assertThat(t.encode("ab", false, false)).containsExactly(263);
    assertThat(t.encode("ab", true, false)).containsExactly(1, 263);
    assertThat(t.encode("ba", false, false)).containsExactly(259, 261, 260);
  }

  @Test
  void spmFallsBackToByteTokensForUnknownCharacters() {
    Tokenizer t = spm(false, new String[] {"a"}, new float[] {-1f});

    // "é" is C3 A9: byte tokens 3 + 0xC3 and 3 + 0xA9.
    assertThat(t.encode("aé", false, false)).containsExactly(259, 3 + 0xC3, 3 + 0xA9);
    assertThat(t.decode(new int[] {259, 3 + 0xC3, 3 + 0xA9})).isEqualTo("aé");
  }

  @Test
  void spmBreaksScoreTiesLeftmostFirst() {
    Tokenizer t = spm(false, new String[] {"a", "aa"}, new float[] {-1f, -1f});

    assertThat(t.encode("aaa", false, false)).containsExactly(260, 259);
  }

  private static Tokenizer bpe(String[] tokens, String[] merges) {
    return Tokenizer.of(
        Vocabulary.builder(Vocabulary.Kind.BYTE_LEVEL_BPE)
            .tokens(tokens)
            .merges(merges)
            .preTokenizer("gpt-2")
            .build());
  }

  @Test
  void bpeAppliesLowestRankMergeFirst() {
    String[] tokens = {"a", "b", "c", "Ġ", "ab", "bc", "abc", "Ġa"};

    Tokenizer ranked = bpe(tokens, new String[] {"a b", "b c", "ab c"});
    Tokenizer otherOrder = bpe(tokens, new String[] {"b c", "a b", "ab c"});

    assertThat(ranked.encode("abc", false, false)).containsExactly(6);
    // With "b c" first, "a" + "bc" has no merge.
    assertThat(otherOrder.encode("abc", false, false)).containsExactly(0, 5);
  }

  @Test
  void bpeMapsSpacesToTheGpt2AlphabetAndBack() {
    Tokenizer t = bpe(new String[] {"a", "b", "Ġ", "Ġa"}, new String[] {"Ġ a"});

    int[] ids = t.encode("b a", false, false);

    assertThat(ids).containsExactly(1, 3);
    assertThat(t.decode(ids)).isEqualTo("b a");
  }

  @Test
  void mismatchedArrayLengthsAreRejected() {
    Vocabulary.Builder b =
        Vocabulary.builder(Vocabulary.Kind.SENTENCE_PIECE)
            .tokens(new String[] {"<unk>", "<s>"})
            .scores(new float[] {0f});

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scores");
  }

  @Test
  void addBosWithoutBosTokenIsRejected() {
    Vocabulary.Builder b =
        Vocabulary.builder(Vocabulary.Kind.BYTE_LEVEL_BPE)
            .tokens(new String[] {"a"})
            .merges(new String[0])
            .addBos(true);

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BOS");
  }

  @Test
  void outOfRangeSpecialIdsCountAsAbsent() {
    Vocabulary v =
        Vocabulary.builder(Vocabulary.Kind.SENTENCE_PIECE)
            .tokens(new String[] {"<unk>", "<s>", "</s>"})
            .bos(1)
            .eos(2)
            .padding(-1)
            .endOfTurn(4_000_000)
            .build();

    assertThat(v.paddingId()).isEqualTo(Vocabulary.NONE);
    assertThat(v.endOfTurnId()).isEqualTo(Vocabulary.NONE);
  }
}
