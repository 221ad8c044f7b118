package dev.llmkit.local.internal.tokenizer;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufMetadata;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Reads a {@link Vocabulary} from the {@code tokenizer.ggml.*} keys of GGUF metadata. */
public final class VocabularyLoader {
  private static final String PREFIX = "tokenizer.ggml.";

  private VocabularyLoader() {}

  /**
   * Builds the vocabulary described by {@code tokenizer.ggml.model} ({@code llama}, {@code gpt2} or
   * {@code bert}), its tokens, scores, token types, merges, special ids and flags.
   *
   * @throws ModelLoadException if the model kind is unsupported or required keys are missing or
   *     inconsistent
   */
  public static Vocabulary fromMetadata(GgufMetadata metadata) {
    Objects.requireNonNull(metadata, "metadata");
    String model =
        metadata
            .getString(PREFIX + "model")
            .orElseThrow(() -> fail("metadata has no tokenizer.ggml.model"));
    Vocabulary.Kind kind;
    switch (model) {
      case "llama":
        kind = Vocabulary.Kind.SENTENCE_PIECE;
        break;
      case "gpt2":
        kind = Vocabulary.Kind.BYTE_LEVEL_BPE;
        break;
      case "bert":
        kind = Vocabulary.Kind.WORD_PIECE;
        break;
      default:
        throw fail(
            "tokenizer model '" + model + "' is not supported (supported: llama, gpt2, bert)");
    }
    String[] tokens =
        metadata
            .getStringArray(PREFIX + "tokens")
            .orElseThrow(() -> fail("metadata has no tokenizer.ggml.tokens string array"));
    Vocabulary.Builder b =
        Vocabulary.builder(kind)
            .tokens(tokens)
            .scores(metadata.getFloatArray(PREFIX + "scores").orElse(null))
            .types(metadata.getIntArray(PREFIX + "token_type").orElse(null))
            .preTokenizer(metadata.getString(PREFIX + "pre").orElse(null))
            .modelName(metadata.getString("general.name").orElse(null))
            .bos(
                metadata.getInt(
                    PREFIX + "bos_token_id",
                    kind == Vocabulary.Kind.SENTENCE_PIECE
                        ? 1
                        : metadata.getInt(PREFIX + "cls_token_id", -1)))
            .eos(
                metadata.getInt(
                    PREFIX + "eos_token_id",
                    kind == Vocabulary.Kind.SENTENCE_PIECE
                        ? 2
                        : metadata.getInt(PREFIX + "seperator_token_id", -1)))
            .unknown(
                metadata.getInt(
                    PREFIX + "unknown_token_id", kind == Vocabulary.Kind.SENTENCE_PIECE ? 0 : -1))
            .padding(metadata.getInt(PREFIX + "padding_token_id", -1))
            .endOfTurn(metadata.getInt(PREFIX + "eot_token_id", -1))
            .endOfMessage(metadata.getInt(PREFIX + "eom_token_id", -1))
            .addBos(bool(metadata, "add_bos_token"))
            .addEos(bool(metadata, "add_eos_token"))
            .addSpacePrefix(bool(metadata, "add_space_prefix"))
            .lowercase(bool(metadata, "normalizer.lowercase"));
    if (kind == Vocabulary.Kind.BYTE_LEVEL_BPE) {
      b.merges(
          metadata
              .getStringArray(PREFIX + "merges")
              .orElseThrow(() -> fail("gpt2 tokenizer metadata has no tokenizer.ggml.merges")));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException("local", "invalid tokenizer metadata: " + e.getMessage(), e);
    }
  }

  private static @Nullable Boolean bool(GgufMetadata metadata, String key) {
    return metadata.contains(PREFIX + key) ? metadata.getBoolean(PREFIX + key, false) : null;
  }

  private static ModelLoadException fail(String message) {
    return new ModelLoadException("local", message);
  }
}
