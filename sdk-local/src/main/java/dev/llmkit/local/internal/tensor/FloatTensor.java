package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A 2-D view (rows × cols, row-major, ggml order: a row is {@code shape[0]} contiguous elements)
 * over tensor bytes in their ggml block layout. The bytes usually are a slice of the mapped GGUF
 * file; nothing is copied. One subclass per element type.
 */
public abstract sealed class FloatTensor
    permits F32Tensor, F16Tensor, BF16Tensor, Q8_0Tensor, Q4_0Tensor, Q4_1Tensor, Q5_0Tensor,
        Q5_1Tensor, Q4_KTensor, Q5_KTensor, Q6_KTensor, BlockTensor {
  /** System property that, set to {@code true}, copies quantized weights into the heap for speed. */
  public static final String HEAP_WEIGHTS_PROPERTY = "llmkit.local.heap-weights";

  /** Little-endian bytes, position 0; row r starts at byte {@code r * rowBytes}. */
  final ByteBuffer data;
  final int rows;
  final int cols;
  final int rowBytes;

  FloatTensor(ByteBuffer data, int rows, int cols, GgmlType type) {
    if (cols % type.blockSize() != 0) {
      throw new IllegalArgumentException("row length " + cols + " is not a multiple of the "
          + type + " block size " + type.blockSize());
    }
    long bytes = type.byteSize((long) rows * cols);
    if (data.capacity() < bytes) {
      throw new IllegalArgumentException(type + " tensor " + rows + "x" + cols + " needs " + bytes
          + " bytes, got " + data.capacity());
    }
    this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.data.position(0);
    this.rows = rows;
    this.cols = cols;
    this.rowBytes = (int) type.byteSize(cols);
    assert rowBytes % type.typeSize() == 0 : "a row holds whole blocks";
    assert (long) rows * rowBytes <= this.data.capacity() : "rows fit in the data";
  }

  /** A tensor of the given type over {@code data}; IllegalArgumentException for other types. */
  public static FloatTensor of(GgmlType type, ByteBuffer data, int rows, int cols) {
    switch (type) {
      case F32: return new F32Tensor(data, rows, cols);
      case F16: return new F16Tensor(data, rows, cols);
      case BF16: return new BF16Tensor(data, rows, cols);
      case Q8_0: return new Q8_0Tensor(data, rows, cols);
      case Q4_0: return new Q4_0Tensor(data, rows, cols);
      case Q4_1: return new Q4_1Tensor(data, rows, cols);
      case Q5_0: return new Q5_0Tensor(data, rows, cols);
      case Q5_1: return new Q5_1Tensor(data, rows, cols);
      case Q4_K: return new Q4_KTensor(data, rows, cols);
      case Q5_K: return new Q5_KTensor(data, rows, cols);
      case Q6_K: return new Q6_KTensor(data, rows, cols);
      case Q2_K: return new BlockTensor(Q2_KFormat.INSTANCE, data, rows, cols);
      case Q3_K: return new BlockTensor(Q3_KFormat.INSTANCE, data, rows, cols);
      case IQ4_NL: return new BlockTensor(IQ4_NLFormat.INSTANCE, data, rows, cols);
      default:
        throw new IllegalArgumentException("tensor type " + type + " is not supported; supported: "
            + GgmlType.computableTypeNames());
    }
  }

  /**
   * The tensor of a GGUF file as rows × shape[0], over the mapped bytes: by default no weight is
   * copied into the heap. With the system property {@value #HEAP_WEIGHTS_PROPERTY}{@code =true},
   * Q8_0, Q4_0, Q4_K and Q6_K tensors are also copied to heap arrays (1.1–1.33× their file size),
   * whose dot products run 1.25–1.6× faster, while the heap has room: the heap in use plus the copy
   * stays within half the maximum heap, leaving the other half to KV caches and activations.
   */
  public static FloatTensor of(GgufFile file, TensorInfo info) {
    long rowCount = info.rowCount();
    if (rowCount > Integer.MAX_VALUE || info.rowLength() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("tensor " + info.name() + " is too large");
    }
    int rows = (int) rowCount;
    int cols = (int) info.rowLength();
    ByteBuffer data = file.tensorData(info);
    long elements = rowCount * cols;
    if (info.type() == GgmlType.Q8_0 && heapHasRoom(elements, Q8_0Tensor.heapBytes(elements))) {
      return new Q8_0Tensor(data, rows, cols, true);
    }
    if (info.type() == GgmlType.Q4_0 && heapHasRoom(elements, Q4_0Tensor.heapBytes(elements))) {
      return new Q4_0Tensor(data, rows, cols, true);
    }
    if (info.type() == GgmlType.Q4_K && heapHasRoom(elements, Q4_KTensor.heapBytes(elements))) {
      return new Q4_KTensor(data, rows, cols, true);
    }
    if (info.type() == GgmlType.Q6_K && heapHasRoom(elements, Q6_KTensor.heapBytes(elements))) {
      return new Q6_KTensor(data, rows, cols, true);
    }
    return of(info.type(), data, rows, cols);
  }

  private static boolean heapHasRoom(long elements, long bytes) {
    if (!"true".equalsIgnoreCase(System.getProperty(HEAP_WEIGHTS_PROPERTY, "false").trim())
        || elements > Integer.MAX_VALUE - 64) {
      return false;
    }
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    return used + bytes <= rt.maxMemory() / 2;
  }

  public abstract GgmlType type();

  public final int rows() {
    return rows;
  }

  /** Row length. */
  public final int cols() {
    return cols;
  }

  /** Element at flat index {@code row * cols + col}. */
  public abstract float getFloat(long index);

  /** Writes row {@code row} as floats to {@code out[outOff .. outOff + cols)}. */
  public abstract void dequantizeRow(int row, float[] out, int outOff);

  /** Dot product of row {@code row} with {@code x[xOff .. xOff + cols)}, with the given kernels. */
  public abstract float dot(Kernels kernels, int row, float[] x, int xOff);

  /** Dot product of row {@code row} with {@code x[xOff .. xOff + cols)}, with the active kernels. */
  public final float dot(int row, float[] x, int xOff) {
    return dot(KernelSelection.ACTIVE, row, x, xOff);
  }

  final int rowOffset(int row) {
    return row * rowBytes;
  }

  @Override
  public String toString() {
    return type() + "[" + rows + "x" + cols + "]";
  }
}
