package dev.llmkit.local.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.GgufMetadata;
import dev.llmkit.local.testing.SharedModels;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Phi-3 reuses the Llama 2 vocabulary plus chat tokens from id 32000; llama.cpp drops whitespace
 * after those tokens for models named "phi-3". Expected ids are llama.cpp's for this prompt.
 */
class RstripQuirkTest {
  private static final String[] PHI3_ADDED = {
    "<|endoftext|>",
    "<|assistant|>",
    "<|placeholder1|>",
    "<|placeholder2|>",
    "<|placeholder3|>",
    "<|placeholder4|>",
    "<|system|>",
    "<|end|>",
    "<|placeholder5|>",
    "<|placeholder6|>",
    "<|user|>"
  };
  private static final String PROMPT = "<|user|>\nSYS\nHI<|end|>\n<|assistant|>\n";

  private static Tokenizer phi3Like(String modelName) {
    try (GgufFile gguf =
        GgufFile.open(SharedModels.resolve("llama-2-tiny-random/llama-2-tiny-random.gguf"))) {
      GgufMetadata md = gguf.metadata();
      String[] tokens = md.getStringArray("tokenizer.ggml.tokens").orElseThrow();
      float[] scores = md.getFloatArray("tokenizer.ggml.scores").orElseThrow();
      int[] types = md.getIntArray("tokenizer.ggml.token_type").orElseThrow();
      int n = tokens.length;
      tokens = Arrays.copyOf(tokens, n + PHI3_ADDED.length);
      scores = Arrays.copyOf(scores, n + PHI3_ADDED.length);
      types = Arrays.copyOf(types, n + PHI3_ADDED.length);
      for (int i = 0; i < PHI3_ADDED.length; i++) {
        tokens[n + i] = PHI3_ADDED[i];
        types[n + i] = TokenType.CONTROL.code();
      }
      return Tokenizer.of(
          Vocabulary.builder(Vocabulary.Kind.SENTENCE_PIECE)
              .tokens(tokens)
              .scores(scores)
              .types(types)
              .bos(1)
              .eos(32000)
              .unknown(0)
              .modelName(modelName)
              .build());
    }
  }

  @Test
  void phi3DropsWhitespaceAfterChatTokens() {
    Tokenizer t = phi3Like("Phi3");

    int[] ids = t.encode(PROMPT, true, true);

    assertThat(ids).containsExactly(1, 32010, 317, 21554, 13, 17628, 32007, 32001);
  }

  @Test
  void otherModelsKeepTheWhitespace() {
    Tokenizer t = phi3Like("LLaMA v2");

    int[] ids = t.encode(PROMPT, true, true);

    // "\n" after <|user|> gets the space prefix: "▁" (29871) then <0x0A> (13).
    assertThat(Arrays.copyOf(ids, 4)).containsExactly(1, 32010, 29871, 13);
  }
}
