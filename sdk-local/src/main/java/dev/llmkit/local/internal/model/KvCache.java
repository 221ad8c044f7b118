package dev.llmkit.local.internal.model;

import dev.llmkit.local.internal.tensor.AttentionKernels;
import dev.llmkit.local.internal.tensor.Float16;

/**
 * The keys and values of one sequence, per layer, in the tile layout of {@link AttentionKernels}:
 * per KV head a run of tiles of 16 positions, each {@code [headLength][16]}, so attention streams
 * through a head's positions with whole vectors whatever the head size. Capacity is rounded up to
 * whole tiles. Stored as float or half precision ({@link KvCacheType}); one pair of arrays per
 * layer, allocated up front.
 */
final class KvCache {
  private static final int TILE = AttentionKernels.TILE;

  /** Largest half-precision value; larger values are stored as this (never as infinity). */
  private static final float HALF_MAX = 65504f;

  final KvCacheType type;

  /** Positions the arrays hold (a multiple of 16). */
  final int capacity;

  final int kvHeads;
  final int keyLength;
  final int valueLength;

  /** Per layer, F32 only; no layers for F16. */
  final float[][] keys;

  final float[][] values;

  /** Per layer, F16 only; no layers for F32. */
  final short[][] halfKeys;

  final short[][] halfValues;

  KvCache(LlamaConfig c, int positions, KvCacheType type) {
    this.type = type;
    this.capacity = tiles(positions) * TILE;
    this.kvHeads = c.headCountKv();
    this.keyLength = c.keyLength();
    this.valueLength = c.valueLength();
    int layers = c.blockCount();
    int keyLen = capacity * c.keyDim();
    int valueLen = capacity * c.valueDim();
    if (type == KvCacheType.F32) {
      keys = new float[layers][keyLen];
      values = new float[layers][valueLen];
      halfKeys = new short[0][];
      halfValues = new short[0][];
    } else {
      keys = new float[0][];
      values = new float[0][];
      halfKeys = new short[layers][keyLen];
      halfValues = new short[layers][valueLen];
    }
  }

  /** Tiles holding {@code positions}. */
  static int tiles(int positions) {
    return (positions + TILE - 1) / TILE;
  }

  /** Bytes a cache of {@code positions} takes for a model (the arrays' payload). */
  static long bytes(LlamaConfig c, int positions, KvCacheType type) {
    return (long) type.bytesPerValue()
        * c.blockCount()
        * tiles(positions)
        * TILE
        * (c.keyDim() + c.valueDim());
  }

  /** Start of KV head h's keys in a layer's array. */
  int keyBase(int h) {
    return h * capacity * keyLength;
  }

  /** Start of KV head h's values in a layer's array. */
  int valueBase(int h) {
    return h * capacity * valueLength;
  }

  /**
   * Stores the keys {@code k[kOff ..]} and values {@code v[vOff ..]} (all KV heads, head after
   * head) of position {@code pos} in layer {@code layer}.
   */
  void store(int layer, int pos, float[] k, int kOff, float[] v, int vOff) {
    for (int h = 0; h < kvHeads; h++) {
      int kb = AttentionKernels.offset(keyBase(h), keyLength, pos, 0);
      int vb = AttentionKernels.offset(valueBase(h), valueLength, pos, 0);
      int ks = kOff + h * keyLength;
      int vs = vOff + h * valueLength;
      if (type == KvCacheType.F32) {
        float[] kl = keys[layer];
        float[] vl = values[layer];
        for (int i = 0; i < keyLength; i++) {
          kl[kb + i * TILE] = k[ks + i];
        }
        for (int i = 0; i < valueLength; i++) {
          vl[vb + i * TILE] = v[vs + i];
        }
      } else {
        short[] kl = halfKeys[layer];
        short[] vl = halfValues[layer];
        for (int i = 0; i < keyLength; i++) {
          kl[kb + i * TILE] = half(k[ks + i]);
        }
        for (int i = 0; i < valueLength; i++) {
          vl[vb + i * TILE] = half(v[vs + i]);
        }
      }
    }
  }

  /** Half-precision bits of f, saturated to the largest finite half. */
  private static short half(float f) {
    return Float16.fromFloat(Math.max(-HALF_MAX, Math.min(HALF_MAX, f)));
  }

  /** Key element i of KV head h at position pos, as a float (for tests and diagnostics). */
  float key(int layer, int h, int pos, int i) {
    int at = AttentionKernels.offset(keyBase(h), keyLength, pos, i);
    return type == KvCacheType.F32 ? keys[layer][at] : Float16.toFloat(halfKeys[layer][at]);
  }
}
