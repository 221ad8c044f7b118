package dev.llmkit.local.internal.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Token masks, however they are computed (cached per frame, from the string classification, with
 * walks past a frame's end), allow exactly the tokens whose bytes the automaton accepts.
 */
class TokenMasksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SCHEMAS = {
    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"minLength\":2,"
        + "\"maxLength\":5},\"b\":{\"type\":\"string\",\"maxLength\":40},\"c\":{\"type\":"
        + "\"array\",\"items\":{\"type\":\"string\",\"minLength\":3}}},\"required\":[\"a\",\"b\","
        + "\"c\"],\"additionalProperties\":false}",
    "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}",
    "{\"type\":\"array\",\"items\":{\"anyOf\":[{\"type\":\"string\",\"maxLength\":1},"
        + "{\"type\":\"integer\"}]}}"
  };

  @Test
  void masksEqualTheAutomatonOnASyntheticVocabulary() throws Exception {
    TestVocab vocab = new TestVocab(3, 600);
    for (String schema : SCHEMAS) {
      for (long seed = 0; seed < 6; seed++) {
        compare(vocab.trie, schema, seed, 120);
      }
    }
  }

  @Test
  void masksEqualTheAutomatonOnARealVocabulary() throws Exception {
    Path file = SharedModels.resolve("vocab/ggml-vocab-starcoder.gguf");
    Tokenizer tok;
    try (GgufFile g = GgufFile.open(file)) {
      tok = Tokenizer.fromMetadata(g.metadata());
    }
    TokenTrie trie =
        new TokenTrie(
            tok.vocabulary().size(),
            id -> tok.isEndOfGeneration(id) ? null : tok.pieceBytes(id, false));
    compare(trie, SCHEMAS[0], 1, 12);
  }

  /** Walks randomly through allowed tokens, checking every token against the automaton. */
  private static void compare(TokenTrie trie, String schemaJson, long seed, int steps)
      throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> schema = JSON.readValue(schemaJson, Map.class);
    TokenMasks masks = new TokenMasks(Grammar.ofSchema(schema), trie);
    Grammar.State state = masks.grammar.start();
    Random r = new Random(seed);
    StringBuilder out = new StringBuilder();
    for (int step = 0; step < steps && !state.stacks().isEmpty(); step++) {
      long[] mask = masks.mask(state);
      List<Integer> allowed = new ArrayList<>();
      for (int id = 0; id < trie.vocabSize; id++) {
        byte[] b = trie.tokenBytes[id];
        boolean expected = b != null && state.walk(b, 0) != null;
        boolean actual = (mask[id >>> 6] & (1L << id)) != 0;
        if (expected != actual) {
          throw new AssertionError(
              "token "
                  + id
                  + " '"
                  + new String(b, java.nio.charset.StandardCharsets.UTF_8)
                  + "' after '"
                  + out
                  + "': automaton "
                  + expected
                  + ", mask "
                  + actual);
        }
        if (expected) {
          allowed.add(id);
        }
      }
      assertThat(allowed).as("tokens after %s", out).isNotEmpty();
      int id = allowed.get(r.nextInt(allowed.size()));
      state = state.walk(trie.tokenBytes[id], 0);
      out.append(new String(trie.tokenBytes[id], java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
