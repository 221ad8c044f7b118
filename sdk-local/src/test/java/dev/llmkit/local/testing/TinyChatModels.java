package dev.llmkit.local.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tiny llama GGUF models with a 32-token SentencePiece vocabulary that adds BOS ({@code <s>}, id 1;
 * {@code </s>} is EOS, id 2; {@code <|im_start|>} and {@code <|im_end|>} are control tokens, {@code
 * <think>} (id 6) and {@code </think>} (id 7) user-defined ones, then "a" (id 8), "b"...) and
 * whatever chat metadata a test writes ({@code tokenizer.chat_template}...).
 */
public final class TinyChatModels {
  private TinyChatModels() {}

  public static Path write(Path file, Consumer<GgufWriter> chatMetadata) {
    TinyModels.Spec spec = new TinyModels.Spec();
    spec.vocab = 32;
    spec.dim = 16;
    spec.heads = 2;
    spec.kvHeads = 1;
    spec.headDim = 8;
    spec.ffn = 24;
    List<String> tokens =
        new ArrayList<>(
            List.of(
                "<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>", "▁", "<think>", "</think>"));
    for (char c = 'a'; tokens.size() < 32; c++) {
      tokens.add(String.valueOf(c));
    }
    float[] scores = new float[32];
    int[] types = new int[32];
    for (int i = 0; i < 32; i++) {
      types[i] = i == 0 ? 2 : i < 5 ? 3 : i == 6 || i == 7 ? 4 : 1;
      scores[i] = -i;
    }
    spec.metadata =
        w -> {
          w.putString("tokenizer.ggml.model", "llama")
              .putStringArray("tokenizer.ggml.tokens", tokens.toArray(new String[0]))
              .putFloatArray("tokenizer.ggml.scores", scores)
              .putIntArray("tokenizer.ggml.token_type", types)
              .putU32("tokenizer.ggml.bos_token_id", 1)
              .putU32("tokenizer.ggml.eos_token_id", 2)
              .putBool("tokenizer.ggml.add_bos_token", true);
          chatMetadata.accept(w);
        };
    return TinyModels.write(file, spec).file;
  }

  /** A model whose {@code tokenizer.chat_template} is {@code template}. */
  public static Path write(Path file, String template) {
    return write(file, w -> w.putString("tokenizer.chat_template", template));
  }
}
