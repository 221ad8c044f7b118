package dev.llmkit.local.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingDecodeTest {
  private static final String LLAMA2 = "llama-2-tiny-random/llama-2-tiny-random.gguf";

  private static List<String> feed(TokenDecoder decoder, int... ids) {
    List<String> out = new ArrayList<>();
    for (int id : ids) {
      out.add(decoder.accept(id));
    }
    return out;
  }

  @Test
  void chineseCharacterInByteTokensIsHeldBackUntilComplete() {
    TokenDecoder decoder = Fixtures.tokenizer(LLAMA2).newDecoder(false);

    // <0xE4> <0xBD> <0xA0> are ids 3 + byte value; together they are U+4F60.
    List<String> out = feed(decoder, 3 + 0xE4, 3 + 0xBD, 3 + 0xA0);

    assertThat(out).containsExactly("", "", "你");
    assertThat(decoder.hasPending()).isFalse();
  }

  @Test
  void emojiAfterSpaceStreamsSpaceFirstThenWholeEmoji() {
    TokenDecoder decoder = Fixtures.tokenizer(LLAMA2).newDecoder(false);

    // "▁" then F0 9F 98 80 as in reference case 'café naïve 😀'.
    List<String> out = feed(decoder, 29871, 243, 162, 155, 131);

    assertThat(out).containsExactly(" ", "", "", "", "😀");
  }

  @Test
  void bpeTokensSplittingACharacterStreamValidText() {
    Tokenizer t = Fixtures.tokenizer("vocab/ggml-vocab-gpt-2.gguf");
    String text = "Hello, y'all! How are you 😁 ?我想在apple工作1314151天～";
    int[] ids = t.encode(text, false, false);
    TokenDecoder decoder = t.newDecoder(false);

    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      String part = decoder.accept(id);
      assertThat(part).doesNotContain("\uFFFD");
      sb.append(part);
    }

    assertThat(sb.toString()).isEqualTo(text);
    assertThat(decoder.flush()).isEmpty();
  }

  @Test
  void invalidAndTruncatedBytesBecomeReplacementCharacters() {
    TokenDecoder decoder = Fixtures.tokenizer(LLAMA2).newDecoder(false);

    String lone = decoder.accept(3 + 0x80);
    String start = decoder.accept(3 + 0xE4);
    String flushed = decoder.flush();

    assertThat(lone).isEqualTo("\uFFFD");
    assertThat(start).isEmpty();
    assertThat(flushed).isEqualTo("\uFFFD");
  }

  @Test
  void utf8StreamDecoderReplacesABrokenSequenceAndKeepsTheRest() {
    Utf8StreamDecoder d = new Utf8StreamDecoder();

    String first = d.feed(new byte[] {(byte) 0xE4, (byte) 0xBD});
    String second = d.feed("A".getBytes(StandardCharsets.UTF_8));

    assertThat(first).isEmpty();
    assertThat(second).isEqualTo("\uFFFDA");
  }

  @Test
  void unknownIdIsRejectedWithItsValue() {
    Tokenizer t = Fixtures.tokenizer(LLAMA2);

    assertThatThrownBy(() -> t.newDecoder(false).accept(32000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32000");
    assertThatThrownBy(() -> t.decode(new int[] {-1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
