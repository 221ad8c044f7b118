package dev.llmkit.local.internal.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The supported architectures ({@code general.architecture}), one description each: which optional
 * tensors the file holds and which forward-pass options apply, with the defaults llama.cpp uses
 * when a metadata key is absent. {@link ModelOptions} resolves a description against a file's
 * metadata once at load; the forward pass reads only the resolved options. Adding an architecture
 * is adding a constant here (see the checklist in the package documentation).
 *
 * <p>What every architecture shares: RMSNorm before attention and FFN, a gated FFN, grouped-query
 * attention over a float32 KV cache, optional q/k/v biases, {@code attn_qkv.weight} (fused q, k and
 * v rows) accepted in place of {@code attn_q/k/v.weight}, and an output head that falls back to the
 * token embedding when {@code output.weight} is absent (tied embeddings).
 */
public enum Architecture {
  /**
   * Llama 2 and 3.x (tied or not), TinyLlama, SmolLM/SmolLM2, Mistral 7B, DeepSeek-R1 Llama
   * distills.
   */
  LLAMA(new Description("llama").normalRope()),
  /** Qwen2, Qwen2.5, DeepSeek-R1 Qwen distills: NeoX RoPE and (in practice) q/k/v biases. */
  QWEN2(new Description("qwen2")),
  /** Qwen3: per-head RMSNorm of q and k before RoPE. */
  QWEN3(new Description("qwen3").qkNorm()),
  /** Phi-3/3.5-mini, Phi-4-mini: fused {@code ffn_up} = [gate; up], LongRoPE factors. */
  PHI3(new Description("phi3").fusedGateUp().longShortRopeFactors()),
  /** Gemma 2: soft-capped attention and output logits, sliding window on alternate layers. */
  GEMMA2(
      new Description("gemma2")
          .gemma(46)
          .outputAlwaysTied()
          .softCaps(50f, 30f)
          .slidingWindow(4096, 2)
          .swaRopeBase(Float.NaN)),
  /** Gemma 3 (text): q/k norms, sliding window on 5 of 6 layers, own RoPE base for those. */
  GEMMA3(
      new Description("gemma3")
          .gemma(62)
          .qkNorm()
          .softCaps(Float.NaN, 0f)
          .slidingWindow(0, 6)
          .swaRopeBase(10000f));

  private final Description d;

  Architecture(Description d) {
    this.d = d;
  }

  /** The architecture named by {@code general.architecture}, if supported. */
  public static Optional<Architecture> named(String name) {
    return Arrays.stream(values()).filter(a -> a.d.name.equals(name)).findFirst();
  }

  /** The names of all supported architectures, e.g. for error messages. */
  public static List<String> names() {
    return Arrays.stream(values()).map(Architecture::archName).collect(Collectors.toList());
  }

  /** The {@code general.architecture} value, e.g. {@code gemma2}. */
  public String archName() {
    return d.name;
  }

  Description description() {
    return d;
  }

  /** The GGUF-level facts of one architecture. Package-private: read by loaders only. */
  static final class Description {
    final String name;

    /** Normal RoPE (pairs 2i, 2i+1) instead of NeoX RoPE (pairs i, i + rot/2). */
    boolean normalRope;

    /** {@code attn_q_norm} / {@code attn_k_norm} per layer (required). */
    boolean qkNorm;

    /** {@code post_attention_norm} / {@code post_ffw_norm} per layer (required). */
    boolean postNorms;

    /** {@code ffn_up} has 2·ffn rows, gate first; there is no {@code ffn_gate}. */
    boolean fusedGateUp;

    /** The output head is {@code token_embd} even if the file has {@code output.weight}. */
    boolean outputAlwaysTied;

    /** {@code rope_factors_long/short.weight}: long when the context exceeds the original one. */
    boolean longShortRopeFactors;

    /** GELU-tanh instead of SiLU in the gated FFN. */
    Activation activation = Activation.SILU;

    /** Token embeddings are multiplied by √n_embd. */
    boolean scaleEmbeddings;

    /**
     * Layer count (the 27B's) with attention scale 1/√(n_embd/n_head), not 1/√head_dim; 0 = none.
     */
    int wideAttentionScaleLayers;

    /** Default {@code attn_logit_softcapping}; NaN = the architecture has no attention soft-cap. */
    float attentionSoftCap = Float.NaN;

    /** Default {@code final_logit_softcapping}; NaN = the key is not read (no soft-cap). */
    float finalSoftCap = Float.NaN;

    /** Whether the architecture has sliding-window layers at all. */
    boolean slidingWindow;

    /**
     * Default {@code attention.sliding_window}; 0 = no sliding window unless the key is positive.
     */
    int defaultWindow;

    /**
     * Default {@code attention.sliding_window_pattern} (every n-th layer global, the rest sliding).
     */
    int defaultPattern;

    /** Default {@code rope.freq_base_swa} for sliding layers; NaN = {@code rope.freq_base}. */
    float swaRopeBase = Float.NaN;

    Description(String name) {
      this.name = name;
    }

    Description normalRope() {
      normalRope = true;
      return this;
    }

    Description qkNorm() {
      qkNorm = true;
      return this;
    }

    Description fusedGateUp() {
      fusedGateUp = true;
      return this;
    }

    Description longShortRopeFactors() {
      longShortRopeFactors = true;
      return this;
    }

    Description outputAlwaysTied() {
      outputAlwaysTied = true;
      return this;
    }

    /** Gemma's shared traits: post-norms, GELU, scaled embeddings, its attention scale rule. */
    Description gemma(int wideScaleLayers) {
      postNorms = true;
      activation = Activation.GELU_TANH;
      scaleEmbeddings = true;
      wideAttentionScaleLayers = wideScaleLayers;
      return this;
    }

    Description softCaps(float attention, float output) {
      attentionSoftCap = attention;
      finalSoftCap = output;
      return this;
    }

    Description slidingWindow(int window, int pattern) {
      slidingWindow = true;
      defaultWindow = window;
      defaultPattern = pattern;
      return this;
    }

    Description swaRopeBase(float base) {
      swaRopeBase = base;
      return this;
    }
  }
}
