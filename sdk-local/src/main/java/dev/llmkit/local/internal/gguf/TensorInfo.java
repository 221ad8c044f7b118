package dev.llmkit.local.internal.gguf;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One tensor of a GGUF file.
 *
 * @param name ggml tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param shape dimensions in ggml order: {@code shape[0]} (ne0) is the row length, the fastest
 *     varying dimension
 * @param type element type
 * @param offset byte offset of the data relative to {@link GgufFile#dataOffset()}
 * @param byteSize bytes of data
 */
public record TensorInfo(String name, long[] shape, GgmlType type, long offset, long byteSize) {
  public TensorInfo {
    shape = shape.clone();
  }

  /** A copy of the shape (ggml order). */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements. */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** Row length (ne0). */
  public long rowLength() {
    return shape[0];
  }

  /** Number of rows (product of all dimensions but the first). */
  public long rowCount() {
    return elementCount() / shape[0];
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TensorInfo
        && ((TensorInfo) o).name.equals(name)
        && Arrays.equals(((TensorInfo) o).shape, shape)
        && ((TensorInfo) o).type == type
        && ((TensorInfo) o).offset == offset
        && ((TensorInfo) o).byteSize == byteSize;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "TensorInfo["
        + name
        + " "
        + Arrays.toString(shape)
        + " "
        + type
        + " @"
        + offset
        + " +"
        + byteSize
        + "]";
  }
}
