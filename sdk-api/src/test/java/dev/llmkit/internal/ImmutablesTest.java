package dev.llmkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The copies behave as the LinkedHashMap/ArrayList copies they replace, at every size. */
class ImmutablesTest {
  @Test
  void extraKeepsOrderAndNullsAndEqualsAPlainCopyAtEverySize() {
    for (int n = 0; n <= 12; n++) {
      Map<String, Object> source = new LinkedHashMap<>();
      for (int i = n; i > 0; i--) {
        source.put("k" + i, i % 3 == 0 ? null : "v" + i);
      }
      Map<String, Object> copy = Immutables.extra(source, "extra");
      assertThat(copy).isEqualTo(source).hasSameHashCodeAs(source);
      assertThat(copy.toString()).isEqualTo(source.toString());
      assertThat(new ArrayList<>(copy.keySet())).containsExactlyElementsOf(source.keySet());
      assertThat(copy.containsKey(null)).isFalse();
      assertThat(copy.get("absent")).isNull();
      if (n >= 3) {
        assertThat(copy).containsEntry("k3", null).containsKey("k3");
        assertThat(copy.containsValue(null)).isTrue();
      }
      source.put("later", "x");
      assertThat(copy).doesNotContainKey("later");
      assertThatThrownBy(() -> copy.put("a", "b"))
          .isInstanceOf(UnsupportedOperationException.class);
      if (n > 0) {
        assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue("x"))
            .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(copy::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.keySet().remove("k1"))
            .isInstanceOf(UnsupportedOperationException.class);
      }
      if (n <= 8) { // the compact copy is immutable, so it is not copied again
        assertThat(Immutables.extra(copy, "extra")).isSameAs(copy);
      }
      assertThat(Immutables.extra(copy, "extra")).isEqualTo(copy);
    }
  }

  @Test
  void extraRejectsANullKey() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put(null, "v");
    assertThatThrownBy(() -> Immutables.extra(source, "extra"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("extra has a null key");
  }

  @Test
  void listCopiesAtEverySizeAndNamesANullElement() {
    for (int n = 0; n <= 3; n++) {
      List<String> source = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        source.add("e" + i);
      }
      List<String> copy = Immutables.list(source, "items");
      assertThat(copy).isEqualTo(source);
      assertThat(copy.contains(null)).isFalse();
      source.add("later");
      assertThat(copy).hasSize(n);
      assertThatThrownBy(() -> copy.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
    List<String> single = Collections.singletonList("x");
    assertThat(Immutables.list(single, "items")).isSameAs(single);
    assertThatThrownBy(() -> Immutables.list(Collections.singletonList(null), "items"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items[0] == null");
    assertThatThrownBy(() -> Immutables.list(Arrays.asList("a", null), "items"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items[1] == null");
  }
}
