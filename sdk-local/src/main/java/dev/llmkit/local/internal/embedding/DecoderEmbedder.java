package dev.llmkit.local.internal.embedding;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.local.internal.engine.ModelInfo;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.HiddenStates;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.model.LlamaWeights;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import org.jspecify.annotations.Nullable;

/**
 * Embeddings from a decoder model (any {@link dev.llmkit.local.internal.model.Architecture}, e.g.
 * Qwen3-Embedding): the forward pass without the output head, pooled per {@code
 * <arch>.pooling_type} (Qwen3-Embedding: last token). Each call gets a KV cache sized to its own
 * input, so memory follows the input, not the model's context length.
 */
public final class DecoderEmbedder implements EmbeddingModel {
  private final String id;
  private final GgufFile file;
  private final ComputePool pool;
  private final LlamaConfig config;
  private final Llama llama;
  private final @Nullable Tokenizer tokenizer;
  private final Pooling pooling;

  private DecoderEmbedder(GgufFile file, ComputePool pool) {
    this.id = ModelInfo.idOf(file.path());
    this.file = file;
    this.pool = pool;
    this.config = LlamaConfig.from(file);
    this.llama = new Llama(config, LlamaWeights.load(file, config), pool);
    this.tokenizer =
        file.metadata().contains("tokenizer.ggml.tokens")
            ? Tokenizer.fromMetadata(file.metadata())
            : null;
    this.pooling =
        Pooling.fromMetadata(file.metadata(), config.architecture(), file.path().toString());
  }

  /** Loads the model of an open file; the embedder owns (and closes) file and pool. */
  public static DecoderEmbedder load(GgufFile file, ComputePool pool) {
    return new DecoderEmbedder(file, pool);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dimensions() {
    return config.embeddingLength();
  }

  @Override
  public int maxTokens() {
    return config.modelContextLength();
  }

  @Override
  public int vocabularySize() {
    return config.vocabularySize();
  }

  public Pooling pooling() {
    return pooling;
  }

  /**
   * BOS/EOS as the vocabulary asks ({@code add_bos_token}, {@code add_eos_token}). With last-token
   * pooling the sequence always ends with EOS, which is the token such models (Qwen3-Embedding)
   * were trained to summarise the input into; llama.cpp leaves adding it to the user.
   */
  @Override
  public int[] truncate(int[] tokens, int maxTokens) {
    if (tokens.length <= maxTokens) {
      return tokens;
    }
    int[] out = java.util.Arrays.copyOf(tokens, maxTokens);
    if (pooling == Pooling.LAST) {
      out[maxTokens - 1] = tokens[tokens.length - 1];
    }
    return out;
  }

  /** Special-token texts stay text: {@code parseSpecial} is not used for decoder models. */
  @Override
  public int[] tokenize(String text, boolean parseSpecial) {
    if (tokenizer == null) {
      throw InvalidRequestException.invalidParameter(
          "local",
          "input",
          "model " + id + " has no tokenizer in its metadata; pass token ids instead of text");
    }
    int[] ids = tokenizer.encode(text, true, false);
    int eos = tokenizer.vocabulary().eosId();
    if (pooling == Pooling.LAST && eos >= 0 && (ids.length == 0 || ids[ids.length - 1] != eos)) {
      ids = java.util.Arrays.copyOf(ids, ids.length + 1);
      ids[ids.length - 1] = eos;
    }
    return ids;
  }

  @Override
  public float[] embed(int[] tokens) {
    float[] hidden = HiddenStates.compute(llama, llama.newState(tokens.length), tokens);
    return pooling.pool(hidden, tokens.length, config.embeddingLength());
  }

  @Override
  public void close() {
    pool.close();
    file.close();
  }

  @Override
  public String toString() {
    return "DecoderEmbedder[" + id + ", " + config + ", pooling " + pooling + "]";
  }
}
