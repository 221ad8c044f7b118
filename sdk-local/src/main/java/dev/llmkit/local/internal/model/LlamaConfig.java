package dev.llmkit.local.internal.model;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.GgufMetadata;
import dev.llmkit.local.internal.gguf.TensorInfo;
import java.util.List;
import java.util.Locale;

/**
 * Hyper-parameters of a decoder model, read from GGUF metadata ({@code <arch>.*} keys), and the
 * forward-pass {@link ModelOptions} of its {@link Architecture}. One forward pass serves every
 * supported architecture; the differences are the options here and the optional tensors in {@link
 * LlamaWeights}.
 */
public final class LlamaConfig {
  /** Architectures this engine runs. */
  public static final List<String> SUPPORTED_ARCHITECTURES = Architecture.names();

  private final String architecture;
  private final ModelOptions options;
  private final int embeddingLength;
  private final int blockCount;
  private final int headCount;
  private final int headCountKv;
  private final int keyLength;
  private final int valueLength;
  private final int feedForwardLength;
  private final int vocabularySize;
  private final int contextLength;
  private final int modelContextLength;
  private final float ropeFreqBase;
  private final int ropeDimensionCount;
  private final float ropeFreqScale;
  private final boolean ropeNeox;
  private final float rmsNormEps;

  private LlamaConfig(
      String architecture,
      int embeddingLength,
      int blockCount,
      int headCount,
      int headCountKv,
      int keyLength,
      int valueLength,
      int feedForwardLength,
      int vocabularySize,
      int contextLength,
      int modelContextLength,
      float ropeFreqBase,
      int ropeDimensionCount,
      float ropeFreqScale,
      boolean ropeNeox,
      float rmsNormEps,
      ModelOptions options) {
    this.architecture = architecture;
    this.options = options;
    this.embeddingLength = embeddingLength;
    this.blockCount = blockCount;
    this.headCount = headCount;
    this.headCountKv = headCountKv;
    this.keyLength = keyLength;
    this.valueLength = valueLength;
    this.feedForwardLength = feedForwardLength;
    this.vocabularySize = vocabularySize;
    this.contextLength = contextLength;
    this.modelContextLength = modelContextLength;
    this.ropeFreqBase = ropeFreqBase;
    this.ropeDimensionCount = ropeDimensionCount;
    this.ropeFreqScale = ropeFreqScale;
    this.ropeNeox = ropeNeox;
    this.rmsNormEps = rmsNormEps;
  }

  /** Reads the configuration; ModelLoadException for unsupported or inconsistent models. */
  public static LlamaConfig from(GgufFile file) {
    GgufMetadata md = file.metadata();
    String name = file.path().toString();
    String arch =
        md.getString("general.architecture")
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        "local",
                        name
                            + ": metadata key general.architecture is missing; supported architectures: "
                            + String.join(", ", SUPPORTED_ARCHITECTURES)));
    Architecture architecture =
        Architecture.named(arch)
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        "local",
                        name
                            + ": unsupported model architecture '"
                            + arch
                            + "'; supported architectures: "
                            + String.join(", ", SUPPORTED_ARCHITECTURES)));
    int dim = require(md, name, arch + ".embedding_length");
    int heads = require(md, name, arch + ".attention.head_count");
    int layers = require(md, name, arch + ".block_count");
    int ffn = require(md, name, arch + ".feed_forward_length");
    if (layers > file.tensors().size()) { // before anything is sized by it
      throw new ModelLoadException(
          "local",
          name
              + ": metadata key "
              + arch
              + ".block_count is "
              + layers
              + ", but the file has only "
              + file.tensors().size()
              + " tensors (each block"
              + " needs several); the file is corrupt");
    }
    int kvHeads = optional(md, name, arch + ".attention.head_count_kv", heads);
    if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
      throw new ModelLoadException(
          "local",
          name
              + ": head_count "
              + heads
              + " must be a positive multiple of head_count_kv "
              + kvHeads);
    }
    int keyLength = optional(md, name, arch + ".attention.key_length", dim / heads);
    int valueLength = optional(md, name, arch + ".attention.value_length", keyLength);
    int ropeDim = optional(md, name, arch + ".rope.dimension_count", keyLength);
    if (keyLength <= 0
        || valueLength <= 0
        || ropeDim <= 0
        || ropeDim > keyLength
        || ropeDim % 2 != 0) {
      throw new ModelLoadException(
          "local",
          name
              + ": inconsistent attention sizes (key_length "
              + keyLength
              + ", value_length "
              + valueLength
              + ", rope.dimension_count "
              + ropeDim
              + ")");
    }
    TensorInfo embd =
        file.tensor("token_embd.weight")
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        "local", name + ": tensor token_embd.weight is missing"));
    long vocab = embd.shape().length == 2 ? embd.shape()[1] : -1;
    if (vocab <= 0 || vocab > Integer.MAX_VALUE) {
      throw new ModelLoadException(
          "local",
          name
              + ": token_embd.weight has shape "
              + java.util.Arrays.toString(embd.shape())
              + ", expected ["
              + dim
              + ", vocab]");
    }
    int context = optional(md, name, arch + ".context_length", 2048);
    float scale = ropeFreqScale(md, name, arch);
    float eps = md.getFloat(arch + ".attention.layer_norm_rms_epsilon", 1e-5f);
    float base = md.getFloat(arch + ".rope.freq_base", 10000f);
    boolean neox = !architecture.description().normalRope;
    ModelOptions options =
        ModelOptions.read(architecture, md, name, layers, dim, heads, keyLength, context, base);
    return new LlamaConfig(
        arch,
        dim,
        layers,
        heads,
        kvHeads,
        keyLength,
        valueLength,
        ffn,
        (int) vocab,
        context,
        context,
        base,
        ropeDim,
        scale,
        neox,
        eps,
        options);
  }

  private static float ropeFreqScale(GgufMetadata md, String name, String arch) {
    String type = md.getString(arch + ".rope.scaling.type").orElse("none").toLowerCase(Locale.ROOT);
    float factor = md.getFloat(arch + ".rope.scaling.factor", 1f);
    switch (type) {
      case "none":
        {
          float linear = md.getFloat(arch + ".rope.scale_linear", 1f);
          return linear > 0 ? 1f / linear : 1f;
        }
      case "llama3": // frequency factors come from the rope_freqs.weight tensor
        return 1f;
      case "linear":
        if (!(factor > 0)) {
          throw new ModelLoadException(
              "local", name + ": rope.scaling.factor must be positive, got " + factor);
        }
        return 1f / factor;
      default:
        throw new ModelLoadException(
            "local",
            name
                + ": RoPE scaling type '"
                + type
                + "' is not supported; supported: none, linear, llama3 (rope_freqs.weight)");
    }
  }

  /** A positive int value, or {@code absent} without the key; a bad value fails the load. */
  private static int optional(GgufMetadata md, String name, String key, int absent) {
    return md.contains(key) ? require(md, name, key) : absent;
  }

  private static int require(GgufMetadata md, String name, String key) {
    int v = md.getInt(key, -1);
    if (v <= 0) {
      throw new ModelLoadException(
          "local",
          name
              + ": metadata key "
              + key
              + (md.contains(key)
                  ? " must be a positive integer below 2^31, got "
                      + md.get(key).map(String::valueOf).orElse("?")
                  : " is missing"));
    }
    return v;
  }

  /** This configuration with another context length (KV cache size); must be ≥ 1. */
  public LlamaConfig withContextLength(int contextLength) {
    if (contextLength < 1) {
      throw new IllegalArgumentException("contextLength must be at least 1, got " + contextLength);
    }
    return new LlamaConfig(
        architecture,
        embeddingLength,
        blockCount,
        headCount,
        headCountKv,
        keyLength,
        valueLength,
        feedForwardLength,
        vocabularySize,
        contextLength,
        modelContextLength,
        ropeFreqBase,
        ropeDimensionCount,
        ropeFreqScale,
        ropeNeox,
        rmsNormEps,
        options);
  }

  /** {@code general.architecture}, one of {@link #SUPPORTED_ARCHITECTURES}. */
  public String architecture() {
    return architecture;
  }

  /** The forward-pass options of the architecture, resolved against the file. */
  public ModelOptions options() {
    return options;
  }

  /** Model width (dim). */
  public int embeddingLength() {
    return embeddingLength;
  }

  public int blockCount() {
    return blockCount;
  }

  /** Query heads. */
  public int headCount() {
    return headCount;
  }

  /** Key/value heads (grouped-query attention when fewer than query heads). */
  public int headCountKv() {
    return headCountKv;
  }

  /** Size of one query/key head. */
  public int keyLength() {
    return keyLength;
  }

  /** Size of one value head. */
  public int valueLength() {
    return valueLength;
  }

  public int feedForwardLength() {
    return feedForwardLength;
  }

  /** Rows of token_embd.weight. */
  public int vocabularySize() {
    return vocabularySize;
  }

  /** Context length the KV cache is sized for: the model's unless overridden. */
  public int contextLength() {
    return contextLength;
  }

  /** {@code <arch>.context_length} from the file (2048 if absent). */
  public int modelContextLength() {
    return modelContextLength;
  }

  public float ropeFreqBase() {
    return ropeFreqBase;
  }

  /** Leading dimensions of each head that RoPE rotates. */
  public int ropeDimensionCount() {
    return ropeDimensionCount;
  }

  /** Linear RoPE scaling: positions are multiplied by this (1 = none). */
  public float ropeFreqScale() {
    return ropeFreqScale;
  }

  /** NeoX RoPE (pairs i, i + rot/2) instead of normal RoPE (pairs 2i, 2i+1). */
  public boolean ropeNeox() {
    return ropeNeox;
  }

  public float rmsNormEps() {
    return rmsNormEps;
  }

  /** Width of all query heads together. */
  public int queryDim() {
    return headCount * keyLength;
  }

  /** Width of all key heads together (one KV cache row of keys). */
  public int keyDim() {
    return headCountKv * keyLength;
  }

  /** Width of all value heads together. */
  public int valueDim() {
    return headCountKv * valueLength;
  }

  /** Bytes of a KV cache (keys and values, float32) for {@code contextLength} positions. */
  public long kvCacheBytes(int contextLength) {
    return kvCacheBytes(contextLength, KvCacheType.F32);
  }

  /** Bytes of keys and values for {@code contextLength} positions stored as {@code type}. */
  public long kvCacheBytes(int contextLength, KvCacheType type) {
    return (long) type.bytesPerValue() * blockCount * contextLength * (keyDim() + valueDim());
  }

  @Override
  public String toString() {
    return "LlamaConfig["
        + architecture
        + ", dim "
        + embeddingLength
        + ", layers "
        + blockCount
        + ", heads "
        + headCount
        + "/"
        + headCountKv
        + ", head "
        + keyLength
        + "/"
        + valueLength
        + ", ffn "
        + feedForwardLength
        + ", vocab "
        + vocabularySize
        + ", ctx "
        + contextLength
        + ", rope "
        + (ropeNeox ? "neox " : "normal ")
        + ropeDimensionCount
        + " base "
        + ropeFreqBase
        + ", "
        + options
        + "]";
  }
}
