package dev.llmkit.local.internal.model;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufMetadata;
import java.util.Arrays;

/**
 * The forward-pass options of one model: an {@link Architecture}'s description resolved against the
 * file's metadata, once at load. Per-layer options (sliding window, RoPE table) are arrays indexed
 * by layer, so the forward pass picks them once per layer.
 */
public final class ModelOptions {
  /** RoPE table of global (full-attention) layers. */
  static final int GLOBAL_ROPE = 0;

  /** RoPE table of sliding-window layers. */
  static final int SLIDING_ROPE = 1;

  final Architecture architecture;
  final Activation activation;

  /** Multiplies token embeddings (1 = none). */
  final float embeddingScale;

  /** Multiplies q·k. */
  final float attentionScale;

  /** {@code cap · tanh(score / cap)} on attention scores; 0 = none. */
  final float attentionSoftCap;

  /** {@code cap · tanh(logit / cap)} on output logits; 0 = none. */
  final float finalSoftCap;

  /** Per layer: keys a query sees (the current one included); 0 = all earlier positions. */
  final int[] window;

  /** Per layer: {@link #GLOBAL_ROPE} or {@link #SLIDING_ROPE}. */
  final int[] ropeTable;

  /** RoPE base of sliding-window layers. */
  final float slidingRopeBase;

  /** Multiplies RoPE cos and sin ({@code rope.scaling.attn_factor}, LongRoPE's scale); 1 = none. */
  final float ropeAttentionFactor;

  /** {@code rope.scaling.original_context_length}: beyond it LongRoPE uses its long factors. */
  final int originalContextLength;

  private ModelOptions(
      Architecture architecture,
      Activation activation,
      float embeddingScale,
      float attentionScale,
      float attentionSoftCap,
      float finalSoftCap,
      int[] window,
      int[] ropeTable,
      float slidingRopeBase,
      float ropeAttentionFactor,
      int originalContextLength) {
    this.architecture = architecture;
    this.activation = activation;
    this.embeddingScale = embeddingScale;
    this.attentionScale = attentionScale;
    this.attentionSoftCap = attentionSoftCap;
    this.finalSoftCap = finalSoftCap;
    this.window = window;
    this.ropeTable = ropeTable;
    this.slidingRopeBase = slidingRopeBase;
    this.ropeAttentionFactor = ropeAttentionFactor;
    this.originalContextLength = originalContextLength;
  }

  /** Resolves {@code a} against the metadata; ModelLoadException for inconsistent values. */
  static ModelOptions read(
      Architecture a,
      GgufMetadata md,
      String file,
      int layers,
      int dim,
      int heads,
      int keyLength,
      int context,
      float ropeBase) {
    Architecture.Description d = a.description();
    String p = a.archName() + ".";
    float embeddingScale = d.scaleEmbeddings ? (float) Math.sqrt(dim) : 1f;
    boolean wide = d.wideAttentionScaleLayers > 0 && layers == d.wideAttentionScaleLayers;
    float attentionScale = (float) (1.0 / Math.sqrt(wide ? dim / heads : keyLength));
    float attnCap =
        Float.isNaN(d.attentionSoftCap)
            ? 0f
            : softCap(md, file, p + "attn_logit_softcapping", d.attentionSoftCap);
    float finalCap =
        Float.isNaN(d.finalSoftCap)
            ? 0f
            : softCap(md, file, p + "final_logit_softcapping", d.finalSoftCap);
    int[] window = new int[layers];
    int[] ropeTable = new int[layers];
    float slidingBase = ropeBase;
    int n = md.getInt(p + "attention.sliding_window", d.defaultWindow);
    if (md.contains(p + "attention.sliding_window") && n < 0) {
      throw new ModelLoadException(
          "local",
          file
              + ": "
              + p
              + "attention.sliding_window must be"
              + " 0 (none) or a positive number of positions, got "
              + n);
    }
    if (d.slidingWindow && n > 0) {
      boolean[] sliding = slidingLayers(md, file, p, layers, d.defaultPattern);
      for (int l = 0; l < layers; l++) {
        window[l] = sliding[l] ? n : 0;
        ropeTable[l] = sliding[l] ? SLIDING_ROPE : GLOBAL_ROPE;
      }
      slidingBase =
          md.getFloat(
              p + "rope.freq_base_swa", Float.isNaN(d.swaRopeBase) ? ropeBase : d.swaRopeBase);
    }
    float attnFactor = md.getFloat(p + "rope.scaling.attn_factor", 1f);
    if (!(attnFactor > 0)) {
      throw new ModelLoadException(
          "local",
          file + ": " + p + "rope.scaling.attn_factor must be" + " positive, got " + attnFactor);
    }
    int original = md.getInt(p + "rope.scaling.original_context_length", context);
    return new ModelOptions(
        a,
        d.activation,
        embeddingScale,
        attentionScale,
        attnCap,
        finalCap,
        window,
        ropeTable,
        slidingBase,
        attnFactor,
        original);
  }

  private static float softCap(GgufMetadata md, String file, String key, float defaultValue) {
    float cap = md.getFloat(key, defaultValue);
    if (cap < 0 || Float.isNaN(cap) || Float.isInfinite(cap)) {
      throw new ModelLoadException(
          "local", file + ": " + key + " must be 0 (none) or a positive" + " number, got " + cap);
    }
    return cap;
  }

  /**
   * Which layers use the sliding window: {@code attention.sliding_window_pattern} as a bool array
   * (true = sliding), or as a number n (every n-th layer global, the others sliding; 0 = all
   * sliding), else the architecture's default n.
   */
  private static boolean[] slidingLayers(
      GgufMetadata md, String file, String p, int layers, int defaultPattern) {
    String key = p + "attention.sliding_window_pattern";
    Object raw = md.get(key).orElse(null);
    if (raw instanceof boolean[]) {
      boolean[] pattern = (boolean[]) raw;
      if (pattern.length != layers) {
        throw new ModelLoadException(
            "local",
            file
                + ": "
                + key
                + " has "
                + pattern.length
                + " entries, expected one per layer ("
                + layers
                + ")");
      }
      return pattern.clone();
    }
    if (raw != null && !(raw instanceof Integer || raw instanceof Long)) {
      throw new ModelLoadException(
          "local",
          file
              + ": "
              + key
              + " must be a bool array (one per"
              + " layer) or a non-negative integer");
    }
    long n = md.getLong(key, defaultPattern);
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new ModelLoadException(
          "local", file + ": " + key + " must be a non-negative integer," + " got " + n);
    }
    boolean[] sliding = new boolean[layers];
    for (int l = 0; l < layers; l++) {
      sliding[l] = n == 0 || l % n < n - 1;
    }
    return sliding;
  }

  public Architecture architecture() {
    return architecture;
  }

  /** Whether layer {@code layer} attends over a sliding window. */
  public boolean isSliding(int layer) {
    return window[layer] > 0;
  }

  /** Sliding-window size of {@code layer}; 0 for full attention. */
  public int window(int layer) {
    return window[layer];
  }

  public float attentionSoftCap() {
    return attentionSoftCap;
  }

  public float finalSoftCap() {
    return finalSoftCap;
  }

  public float embeddingScale() {
    return embeddingScale;
  }

  @Override
  public String toString() {
    return "ModelOptions["
        + architecture.archName()
        + ", "
        + activation
        + (embeddingScale != 1f ? ", embeddings x" + embeddingScale : "")
        + (attentionSoftCap > 0 ? ", attention cap " + attentionSoftCap : "")
        + (finalSoftCap > 0 ? ", output cap " + finalSoftCap : "")
        + (Arrays.stream(window).anyMatch(w -> w > 0)
            ? ", windows " + Arrays.toString(window) + " swa base " + slidingRopeBase
            : "")
        + "]";
  }
}
