package dev.llmkit.local.internal.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReasoningSplitterTest {
  /** Feeds the text in pieces of {@code size} characters; returns reasoning and content joined. */
  private static String[] feed(ReasoningSplitter s, String text, int size) {
    StringBuilder reasoning = new StringBuilder();
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < text.length(); i += size) {
      ReasoningSplitter.Part p = s.push(text.substring(i, Math.min(text.length(), i + size)));
      reasoning.append(p.reasoning());
      content.append(p.content());
    }
    ReasoningSplitter.Part p = s.finish();
    return new String[] {
      reasoning.append(p.reasoning()).toString(), content.append(p.content()).toString()
    };
  }

  @Test
  void qwen3RepliesOpenTheirOwnThinkBlock() {
    for (int size = 1; size <= 9; size++) {
      assertThat(
              feed(
                  new ReasoningSplitter(false), "<think>\n2 + 2 is 4.\n</think>\n\nIt is 4.", size))
          .as("pieces of %d", size)
          .containsExactly("2 + 2 is 4.\n", "It is 4.");
    }
  }

  @Test
  void deepSeekR1RepliesStartInsideThePromptsThinkBlock() {
    String prompt = "<｜User｜>2+2?<｜Assistant｜><think>\n";
    assertThat(ReasoningSplitter.opensThink(prompt)).isTrue();
    assertThat(ReasoningSplitter.opensThink("<think>\n\n</think>\n\n")).isFalse();
    for (int size = 1; size <= 9; size++) {
      assertThat(feed(new ReasoningSplitter(true), "Add them.\n</think>\n\n4", size))
          .containsExactly("Add them.\n", "4");
    }
  }

  @Test
  void repliesWithoutThinkingAreAllContent() {
    assertThat(feed(new ReasoningSplitter(false), "  <thinking is fun", 3))
        .containsExactly("", "  <thinking is fun");
    assertThat(feed(new ReasoningSplitter(false), "<thi", 2)).containsExactly("", "<thi");
    assertThat(feed(new ReasoningSplitter(true), "cut off while thinking </thi", 4))
        .containsExactly("cut off while thinking </thi", "");
  }
}
