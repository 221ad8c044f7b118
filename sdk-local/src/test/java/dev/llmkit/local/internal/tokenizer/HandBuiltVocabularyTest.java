package dev.llmkit.local.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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
  void bpePiecesAreEveryByteOfTheAlphabetAndUtf8OutsideIt() {
    // token b is the GPT-2 alphabet's character for byte b; token 256 is no alphabet text
    String[] tokens = new String[257];
    for (int b = 0; b < 256; b++) {
      tokens[b] = new String(Character.toChars(alphabet(b)));
    }
    tokens[256] = "Ġ中x";
    Tokenizer t = bpe(tokens, new String[0]);

    for (int b = 0; b < 256; b++) {
      assertThat(t.pieceBytes(b, false)).as("byte %d", b).containsExactly((byte) b);
    }
    assertThat(t.pieceBytes(256, false))
        .containsExactly(' ', (byte) 0xE4, (byte) 0xB8, (byte) 0xAD, 'x');
  }

  /** GPT-2's alphabet: printable Latin-1 bytes are themselves, the other 68 from U+0100 on. */
  private static int alphabet(int b) {
    boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
    if (printable) {
      return b;
    }
    int next = 0;
    for (int c = 0; c < b; c++) {
      if (!((c >= '!' && c <= '~') || (c >= 0xA1 && c <= 0xAC) || c >= 0xAE)) {
        next++;
      }
    }
    return 256 + next;
  }

  @Test
  void piecesAskedForFromManyThreadsAgree() throws Exception {
    String[] tokens = new String[5000];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = "Ġw" + i;
    }
    Tokenizer t = bpe(tokens, new String[0]);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = tokens.length - 1; i >= 0; i--) {
                    byte[] p = t.pieceBytes(i, false);
                    if (!new String(p, StandardCharsets.UTF_8).equals(" w" + i)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (java.util.concurrent.Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    // callers get copies: changing one does not change the next
    t.pieceBytes(7, false)[0] = 'X';
    assertThat(t.decodePieces(new int[] {7}, false)).isEqualTo(" w7");
  }

  @Test
  void duplicateMergesKeepTheirFirstRank() {
    String[] tokens = {"a", "b", "c", "ab", "bc"};
    // "a b" appears again after "b c": its first rank (0) still wins over "b c"
    Tokenizer t = bpe(tokens, new String[] {"a b", "b c", "a b"});

    assertThat(t.encode("abc", false, false)).containsExactly(3, 2);
  }

  @Test
  void mergesMustBeTwoPartsWithASpace() {
    Vocabulary.Builder nullMerge =
        Vocabulary.builder(Vocabulary.Kind.BYTE_LEVEL_BPE)
            .tokens(new String[] {"a", "b"})
            .merges(new String[] {"a b", null});
    Vocabulary.Builder noSpace =
        Vocabulary.builder(Vocabulary.Kind.BYTE_LEVEL_BPE)
            .tokens(new String[] {"a", "b"})
            .merges(new String[] {"ab"});

    assertThatThrownBy(nullMerge::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("merges[1] is null");
    assertThatThrownBy(noSpace::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("merges[0] has no space separator: ab");
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
