package dev.llmkit.local.internal.grammar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic vocabulary: every single byte, JSON-ish fragments and random words; last id is EOS.
 */
final class TestVocab {
  final List<byte[]> tokens = new ArrayList<>();
  final int eos;
  final TokenTrie trie;

  TestVocab(long seed, int randomWords) {
    Set<String> texts = new LinkedHashSet<>();
    for (String s :
        new String[] {
          "{\"",
          "\":",
          "\",",
          "\"}",
          "\"]",
          "},",
          "}]",
          "[{",
          "[\"",
          ": ",
          ", ",
          "{\n  \"",
          "\n",
          "  ",
          "    ",
          "true",
          "false",
          "null",
          "0.5",
          "1e5",
          "-1",
          "42",
          "é",
          "日本",
          "ü",
          "😀",
          "\\n",
          "\\\"",
          "\\u00e9",
          "name",
          "age",
          "<tool_call>",
          "</tool_call>",
          "\"arguments\"",
          "\"name\"",
          "\"parameters\"",
          " {",
          "}\n",
          ".com",
          "@",
          "2024-",
          "-01",
          "T12:",
          "00Z",
          "abc-",
          "\"\"",
          "[]",
          "{}",
          "é\"",
          "\"d",
          "a\"b"
        }) {
      texts.add(s);
    }
    Random r = new Random(seed);
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_-\" {}[],:.";
    while (texts.size() < randomWords + 60) {
      StringBuilder b = new StringBuilder();
      int n = 1 + r.nextInt(6);
      for (int i = 0; i < n; i++) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      texts.add(b.toString());
    }
    for (int b = 0; b < 256; b++) {
      tokens.add(new byte[] {(byte) b});
    }
    for (String t : texts) {
      tokens.add(t.getBytes(StandardCharsets.UTF_8));
    }
    eos = tokens.size();
    tokens.add(null);
    trie = new TokenTrie(tokens.size(), id -> tokens.get(id));
  }

  int size() {
    return tokens.size();
  }
}
