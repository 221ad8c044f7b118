package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * A 2-D view (rows × cols, row-major, ggml order: a row is {@code shape[0]} contiguous elements)
 * over tensor bytes in their ggml block layout. The bytes usually are a slice of the mapped GGUF
 * file; nothing is copied. Subclasses live in this package only (the constructor is
 * package-private): {@link BlockTensor} for any {@link BlockFormat}, and one class per type with an
 * on-heap form or hand-tuned kernels. {@link TensorTypes} says which class serves which type.
 */
public abstract class FloatTensor {
  /**
   * System property that, set to {@code true}, copies quantized weights into the heap for speed.
   */
  public static final String HEAP_WEIGHTS_PROPERTY = "llmkit.local.heap-weights";

  /** Little-endian bytes, position 0; row r starts at byte {@code r * rowBytes}. */
  final ByteBuffer data;

  final int rows;
  final int cols;
  final int rowBytes;

  /**
   * The memory segment over {@link #data} that {@code VectorRowDots} reads in place on JDK 22 and
   * newer ({@code SegmentLoads}), made there on first use (a race makes it twice, harmlessly): this
   * class also runs without the Vector API module, so it must not name the class that makes it.
   */
  @Nullable Object segment;

  FloatTensor(ByteBuffer data, int rows, int cols, GgmlType type) {
    if (cols % type.blockSize() != 0) {
      throw new IllegalArgumentException(
          "row length "
              + cols
              + " is not a multiple of the "
              + type
              + " block size "
              + type.blockSize());
    }
    long bytes = type.byteSize((long) rows * cols);
    if (data.capacity() < bytes) {
      throw new IllegalArgumentException(
          type
              + " tensor "
              + rows
              + "x"
              + cols
              + " needs "
              + bytes
              + " bytes, got "
              + data.capacity());
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
    return TensorTypes.create(type, data, rows, cols, false);
  }

  /**
   * The tensor of a GGUF file as rows × shape[0], over the mapped bytes: by default no weight is
   * copied into the heap. With the system property {@value #HEAP_WEIGHTS_PROPERTY}{@code =true},
   * tensors of the types with an on-heap form (Q8_0, Q4_0, Q4_K and Q6_K) are also copied to heap
   * arrays (1.1–1.33× their file size), whose dot products run 1.25–1.6× faster, while the heap has
   * room: the heap in use plus the copy stays within half the maximum heap, leaving the other half
   * to KV caches and activations.
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
    long heapBytes = TensorTypes.heapBytes(info.type(), elements);
    boolean onHeap = heapBytes >= 0 && heapHasRoom(elements, heapBytes);
    return TensorTypes.create(info.type(), data, rows, cols, onHeap);
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

  /**
   * Dot product of row {@code row} with {@code x[xOff .. xOff + cols)}, with the active kernels.
   */
  public final float dot(int row, float[] x, int xOff) {
    return dot(KernelSelection.ACTIVE, row, x, xOff);
  }

  /** Whether the weights were copied to heap arrays (types with an on-heap form only). */
  boolean onHeap() {
    return false;
  }

  final int rowOffset(int row) {
    return row * rowBytes;
  }

  @Override
  public String toString() {
    return type() + "[" + rows + "x" + cols + "]";
  }
}
