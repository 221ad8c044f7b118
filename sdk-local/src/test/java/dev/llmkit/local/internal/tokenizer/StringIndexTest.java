package dev.llmkit.local.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StringIndexTest {

  @Test
  void keysWithTheSameHashStayApart() {
    // "Aa" and "BB" share a hash code, and so do all four of their two-part concatenations
    String[] keys = {"Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB"};
    assertThat("AaBB".hashCode()).isEqualTo("BBAa".hashCode());
    StringIndex index = new StringIndex(keys.length);
    for (int i = 0; i < keys.length; i++) {
      index.put(keys[i], i, true);
    }

    for (int i = 0; i < keys.length; i++) {
      assertThat(index.get(keys[i], -1)).as(keys[i]).isEqualTo(i);
    }
    assertThat(index.get("Ab", -1)).isEqualTo(-1);
    assertThat(index.get("", -7)).isEqualTo(-7);
    assertThat(index.size()).isEqualTo(keys.length);
  }

  @Test
  void replaceDecidesWhetherALaterValueWins() {
    StringIndex index = new StringIndex(2);
    index.put("a", 1, true);
    index.put("a", 2, true);
    index.put("b", 3, false);
    index.put("b", 4, false);

    assertThat(index.get("a", -1)).isEqualTo(2);
    assertThat(index.get("b", -1)).isEqualTo(3);
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void holdsAVocabularySizedSetOfKeys() {
    int n = 151_936;
    StringIndex index = new StringIndex(n);
    for (int i = 0; i < n; i++) {
      index.put("t" + i, i, true);
    }

    for (int i = 0; i < n; i++) {
      assertThat(index.get("t" + i, -1)).isEqualTo(i);
    }
    assertThat(index.get("t" + n, -1)).isEqualTo(-1);
  }

  @Test
  void anIndexLargerThanAnArrayCanHoldIsRefusedUpFront() {
    assertThatThrownBy(() -> new StringIndex(StringIndex.MAX_ENTRIES + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than a vocabulary index holds");
    assertThatThrownBy(() -> new StringIndex(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void moreKeysThanItWasMadeForIsAnError() {
    StringIndex index = new StringIndex(1);
    int capacity = 0;
    try {
      for (int i = 0; i < 100; i++) {
        index.put("k" + i, i, true);
        capacity++;
      }
    } catch (IllegalStateException e) {
      assertThat(e).hasMessageContaining("full");
    }

    assertThat(capacity).isBetween(1, 8);
    assertThatThrownBy(() -> index.put("another", 0, true))
        .isInstanceOf(IllegalStateException.class);
    assertThat(index.get("k0", -1)).isZero();
  }
}
