package dev.llmkit.local.bench;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Builds the benchmark prompt: the longest run of words from a fixed English text that the model's
 * tokenizer turns into at most N tokens (BOS included), so every engine gets the same text.
 */
final class PromptBuilder {
  static final String TEXT =
      "Once upon a time, there was a little girl named Lily. She"
          + " loved to play outside in the park with her friends. One day, she saw a big red ball"
          + " under a tree. She ran to the ball and picked it up. Her mom said she could keep it if"
          + " she shared it with her brother. Lily was happy and they played together all day long. ";

  record Prompt(String text, int tokens, String type) {}

  private PromptBuilder() {}

  static Prompt build(Path model, int maxTokens) {
    try (GgufFile file = GgufFile.open(model)) {
      Tokenizer tokenizer = Tokenizer.fromMetadata(file.metadata());
      String[] words = TEXT.repeat(1 + maxTokens / 8).trim().split(" ");
      StringBuilder text = new StringBuilder();
      int tokens = tokenizer.encode("", true, false).length;
      for (String w : words) {
        String candidate = text.length() == 0 ? w : text + " " + w;
        int n = tokenizer.encode(candidate, true, false).length;
        if (n > maxTokens) {
          break;
        }
        text.setLength(0);
        text.append(candidate);
        tokens = n;
      }
      return new Prompt(text.toString(), tokens, mainType(file));
    }
  }

  /** The most common type among the matrices, e.g. "Q8_0". */
  static String mainType(GgufFile file) {
    Map<GgmlType, Integer> counts = new EnumMap<>(GgmlType.class);
    for (TensorInfo t : file.tensors()) {
      if (t.shape().length >= 2) {
        counts.merge(t.type(), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(e -> e.getKey().name())
        .orElse("?");
  }
}
