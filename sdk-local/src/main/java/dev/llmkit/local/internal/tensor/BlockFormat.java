package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/**
 * One ggml block type the engine computes with: its block layout (from {@link GgmlType}: elements
 * and bytes per block), how a block decodes to floats, and its reference (scalar) dot product with
 * float activations. One subclass per type; {@link BlockTensor} turns it into a tensor and {@link
 * TensorTypes} registers it. A Vector API twin of {@link #dot}, if any, lives in {@code
 * VectorBlockDots}; without one the vector kernels decode blocks and multiply them with vectors.
 *
 * <p>All offsets are byte offsets into a little-endian buffer; {@code n} is a multiple of the block
 * size.
 */
public abstract class BlockFormat {
  private final GgmlType type;
  final int blockSize;
  final int blockBytes;

  BlockFormat(GgmlType type) {
    this.type = type;
    this.blockSize = type.blockSize();
    this.blockBytes = type.typeSize();
  }

  public final GgmlType type() {
    return type;
  }

  /** Decodes the block at byte {@code at} into {@code out[outOff .. outOff + blockSize)}. */
  abstract void decode(ByteBuffer w, int at, float[] out, int outOff);

  /**
   * Σ w_i · x[xOff + i] over the {@code n} elements from byte {@code off}: the reference the vector
   * kernels are tested against. This default decodes each block and accumulates in float, one sum
   * per block; subclasses override it when decoding in place is simpler or faster.
   */
  float dot(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float[] block = new float[blockSize];
    float sum = 0f;
    for (int b = 0; b < n / blockSize; b++) {
      decode(w, off + b * blockBytes, block, 0);
      int xb = xOff + b * blockSize;
      float s = 0f;
      for (int i = 0; i < blockSize; i++) {
        s += block[i] * x[xb + i];
      }
      sum += s;
    }
    return sum;
  }

  @Override
  public String toString() {
    return type.name();
  }
}
