package dev.llmkit.local.internal.tokenizer;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.json.Json;
import dev.llmkit.local.testing.SharedModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads shared-model tokenizers (cached across tests) and their test vectors. */
final class Fixtures {
  private static final Map<String, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();

  private Fixtures() {}

  /** The tokenizer of a GGUF under the shared models folder, e.g. "vocab/ggml-vocab-gpt-2.gguf". */
  static Tokenizer tokenizer(String relativePath) {
    Path path = SharedModels.resolve(relativePath);
    return TOKENIZERS.computeIfAbsent(
        relativePath,
        k -> {
          try (GgufFile gguf = GgufFile.open(path)) {
            return Tokenizer.fromMetadata(gguf.metadata());
          }
        });
  }

  /** One string of a llama.cpp vocab test (.inp) with its expected ids (.out). */
  record VocabCase(int index, String text, int[] ids) {
    @Override
    public String toString() {
      return "#" + index;
    }
  }

  static List<VocabCase> vocabCases(String vocabName) {
    String inp = read(SharedModels.resolve("vocab/" + vocabName + ".gguf.inp"));
    String out = read(SharedModels.resolve("vocab/" + vocabName + ".gguf.out"));
    List<String> texts = new ArrayList<>(Arrays.asList(inp.split("\n__ggml_vocab_test__\n", -1)));
    if (texts.get(texts.size() - 1).isEmpty()) {
      texts.remove(texts.size() - 1);
    }
    String[] lines = out.split("\n", -1);
    List<VocabCase> cases = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String line = lines[i].trim();
      int[] ids =
          line.isEmpty()
              ? new int[0]
              : Arrays.stream(line.split(" +")).mapToInt(Integer::parseInt).toArray();
      cases.add(new VocabCase(i, texts.get(i), ids));
    }
    return cases;
  }

  /** The parsed {@code reference/tokenize.*.json}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> reference(String name) {
    return (Map<String, Object>)
        (Map<?, ?>) Json.parseObject(read(SharedModels.resolve("reference/" + name)));
  }

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] ints(Object jsonList) {
    return ((List<?>) jsonList).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
  }
}
