package dev.llmkit.local.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonConstraintTest {
  private static boolean valid(String text) {
    JsonAutomaton a = new JsonAutomaton();
    return a.accept(text.getBytes(StandardCharsets.UTF_8)) && a.isComplete();
  }

  private static boolean prefix(String text) {
    JsonAutomaton a = new JsonAutomaton();
    return a.accept(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsCompleteObjects() {
    assertThat(valid("{}")).isTrue();
    assertThat(valid(" {\"a\": 1}")).isTrue();
    assertThat(valid("{\"a\":[1,-2.5e+3,0,true,false,null,\"x\\n\\u00e9\"],\"b\":{\"c\":{}}}"))
        .isTrue();
    assertThat(valid("{\"k\": \"h\u00e9llo \u4e16\u754c \ud83d\ude00\"}")).isTrue();
    assertThat(valid("{\"a\":0.5E-2}")).isTrue();
  }

  @Test
  void rejectsInvalidBytesAtTheFirstError() {
    assertThat(prefix("[")).isFalse(); // top level must be an object
    assertThat(prefix("{a")).isFalse();
    assertThat(prefix("{\"a\" 1")).isFalse();
    assertThat(prefix("{\"a\":01")).isFalse();
    assertThat(prefix("{\"a\":1.}")).isFalse();
    assertThat(prefix("{\"a\":-}")).isFalse();
    assertThat(prefix("{\"a\":tru}")).isFalse();
    assertThat(prefix("{\"a\":1,}")).isFalse();
    assertThat(prefix("{\"a\":[1]]")).isFalse();
    assertThat(prefix("{\"a\":\"\\x\"")).isFalse();
    assertThat(prefix("{\"a\":\"\n")).isFalse();
    assertThat(prefix("{\"a\":\"\\u12G")).isFalse();
    assertThat(prefix("{}x")).isFalse();
    assertThat(prefix("{} ")).isFalse();
  }

  @Test
  void validPrefixesAreAcceptedButNotComplete() {
    JsonAutomaton a = new JsonAutomaton();

    assertThat(a.accept("{\"a\": [1, {\"b\": 2".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(a.isComplete()).isFalse();
  }

  @Test
  void malformedUtf8InsideStringsIsRejected() {
    JsonAutomaton lone = new JsonAutomaton();
    JsonAutomaton truncated = new JsonAutomaton();

    assertThat(lone.accept(new byte[] {'{', '"', (byte) 0x80})).isFalse();
    assertThat(truncated.accept(new byte[] {'{', '"', (byte) 0xc3, '"'})).isFalse();
  }

  @Test
  void whitespaceRunsAreBounded() {
    String ok = "{" + " ".repeat(JsonAutomaton.MAX_WHITESPACE);

    assertThat(prefix(ok)).isTrue();
    assertThat(prefix(ok + " ")).isFalse();
    assertThat(prefix("{\"a\":\"" + " ".repeat(100))).isTrue(); // inside strings: free
  }

  @Test
  void nestingIsBounded() {
    assertThat(prefix("{\"a\":" + "[".repeat(JsonAutomaton.MAX_DEPTH - 1))).isTrue();
    assertThat(prefix("{\"a\":" + "[".repeat(JsonAutomaton.MAX_DEPTH))).isFalse();
  }

  /** A hand-made vocabulary: id = index. Id 0 is an end-of-sequence token without text. */
  private static final List<String> VOCAB =
      List.of("", "{", "}", "\"", "a", ":", " ", "1", "}}", "{\"a\"", ",", "x", "\":", "\"}");

  private static byte[] bytes(int id) {
    return VOCAB.get(id).getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> allowed(JsonConstraint c) {
    List<String> out = new ArrayList<>();
    for (int id = 0; id < VOCAB.size(); id++) {
      if (c.allows(id)) {
        out.add(VOCAB.get(id));
      }
    }
    return out;
  }

  @Test
  void masksTokensThatWouldBreakTheObject() {
    JsonConstraint c = new JsonConstraint(JsonConstraintTest::bytes);

    assertThat(allowed(c)).containsExactly("{", " ", "{\"a\"");
    c.accept(9); // {"a"
    assertThat(allowed(c)).containsExactly(":", " ");
    c.accept(5); // :
    // a value may start; "\":" and "\"}" open a string whose text starts with ':' or '}'
    assertThat(allowed(c)).containsExactly("{", "\"", " ", "1", "{\"a\"", "\":", "\"}");
    c.accept(7); // 1
    assertThat(allowed(c)).containsExactly("}", " ", "1", ",");
  }

  @Test
  void reportsCompletionAndThenAllowsNothing() {
    JsonConstraint c = new JsonConstraint(JsonConstraintTest::bytes);
    c.accept(1); // {
    c.accept(3); // "
    c.accept(11); // x

    assertThat(c.allows(13)).isFalse(); // "}  closes the key, then '}' where ':' must come
    assertThat(c.allows(12)).isTrue(); // ":

    c.accept(12);
    c.accept(7);
    assertThat(c.isComplete()).isFalse();
    c.accept(2);
    assertThat(c.isComplete()).isTrue();
    assertThat(allowed(c)).isEmpty();
  }

  @Test
  void tokensWithoutTextAreNeverAllowed() {
    JsonConstraint c = new JsonConstraint(id -> id == 0 ? null : bytes(id));

    assertThat(c.allows(0)).isFalse();
  }

  private static String closing(String prefix) {
    JsonAutomaton a = new JsonAutomaton();
    assertThat(a.accept(prefix.getBytes(StandardCharsets.UTF_8))).as(prefix).isTrue();
    return new String(a.closing(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void closingIsTheShortestCompletion() {
    assertThat(closing("")).isEqualTo("{}");
    assertThat(closing("{")).isEqualTo("}");
    assertThat(closing("{\"ab")).isEqualTo("\":0}");
    assertThat(closing("{\"a\"")).isEqualTo(":0}");
    assertThat(closing("{\"a\":[1, {\"b\": tr")).isEqualTo("ue}]}");
    assertThat(closing("{\"a\":-")).isEqualTo("0}");
    assertThat(closing("{\"a\":1.5e")).isEqualTo("0}");
    assertThat(closing("{\"a\":\"x\\")).isEqualTo("n\"}");
    assertThat(closing("{\"a\":\"\\u1")).isEqualTo("000\"}");
    assertThat(closing("{\"a\":1,")).isEqualTo("\"\":0}");
    assertThat(closing("{}")).isEmpty();
  }

  @Test
  void nearTheTokenLimitOnlyTokensThatCanStillCloseTheObjectAreAllowed() {
    JsonConstraint c = new JsonConstraint(JsonConstraintTest::bytes);
    c.accept(9); // {"a"
    c.accept(5); // :
    c.accept(7); // 1   closing is now "}"

    List<String> roomy = new ArrayList<>();
    List<String> tight = new ArrayList<>();
    for (int id = 0; id < VOCAB.size(); id++) {
      if (c.within(6).allows(id)) {
        roomy.add(VOCAB.get(id));
      }
      if (c.within(2).allows(id)) {
        tight.add(VOCAB.get(id));
      }
    }

    // "," needs "\"\":0}" (5 bytes) afterwards: fits 5 more tokens, not 1.
    assertThat(roomy).containsExactly("}", " ", "1", ",");
    assertThat(tight).containsExactly("}", " ", "1");
    assertThat(c.within(1).allows(2)).isTrue(); // "}" completes it
    assertThat(c.within(1).allows(7)).isFalse();
  }
}
