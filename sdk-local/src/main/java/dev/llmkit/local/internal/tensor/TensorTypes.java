package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The table of tensor types the engine computes with: one line per ggml type, saying how a tensor
 * of it is made and, for types with an on-heap form, how many heap bytes the copy takes. Most types
 * are a {@link BlockFormat} made into a {@link BlockTensor}; see the package documentation for the
 * checklist to add one.
 */
public final class TensorTypes {
  /** Makes a tensor over {@code data}; {@code onHeap} only for types with a heap form. */
  @FunctionalInterface
  interface Factory {
    FloatTensor create(ByteBuffer data, int rows, int cols, boolean onHeap);
  }

  private static final class Entry {
    final Factory factory;

    /** Heap bytes of the on-heap copy of n elements; null when the type has no heap form. */
    final @Nullable LongUnaryOperator heapBytes;

    Entry(Factory factory, @Nullable LongUnaryOperator heapBytes) {
      this.factory = factory;
      this.heapBytes = heapBytes;
    }
  }

  private static final Map<GgmlType, Entry> TYPES = new EnumMap<>(GgmlType.class);

  static {
    add(GgmlType.F32, (d, r, c, heap) -> new F32Tensor(d, r, c), null);
    add(GgmlType.F16, (d, r, c, heap) -> new F16Tensor(d, r, c), null);
    add(GgmlType.BF16, (d, r, c, heap) -> new BF16Tensor(d, r, c), null);
    add(GgmlType.Q8_0, Q8_0Tensor::new, Q8_0Tensor::heapBytes);
    add(GgmlType.Q4_0, Q4_0Tensor::new, Q4_0Tensor::heapBytes);
    add(GgmlType.Q4_K, Q4_KTensor::new, Q4_KTensor::heapBytes);
    add(GgmlType.Q6_K, Q6_KTensor::new, Q6_KTensor::heapBytes);
    add(LegacyFormat.Q4_1);
    add(LegacyFormat.Q5_0);
    add(LegacyFormat.Q5_1);
    add(Q2_KFormat.INSTANCE);
    add(Q3_KFormat.INSTANCE);
    add(Q5_KFormat.INSTANCE);
    add(IQ4_NLFormat.INSTANCE);
    add(IQ4_XSFormat.INSTANCE);
  }

  private TensorTypes() {}

  private static void add(GgmlType type, Factory factory, @Nullable LongUnaryOperator heapBytes) {
    TYPES.put(type, new Entry(factory, heapBytes));
  }

  private static void add(BlockFormat format) {
    add(format.type(), (d, r, c, heap) -> new BlockTensor(format, d, r, c), null);
  }

  /** Whether the engine computes with tensors of this type. */
  public static boolean supports(GgmlType type) {
    return TYPES.containsKey(type);
  }

  /** The supported types, in ggml's order. */
  public static Set<GgmlType> supported() {
    return Collections.unmodifiableSet(TYPES.keySet());
  }

  /** Heap bytes of the on-heap form of {@code elements} elements, or −1 without one. */
  static long heapBytes(GgmlType type, long elements) {
    Entry e = TYPES.get(type);
    LongUnaryOperator bytes = e == null ? null : e.heapBytes;
    return bytes == null ? -1 : bytes.applyAsLong(elements);
  }

  /** A tensor of a supported type; IllegalArgumentException for the others. */
  static FloatTensor create(GgmlType type, ByteBuffer data, int rows, int cols, boolean onHeap) {
    Entry e = TYPES.get(type);
    if (e == null) {
      throw new IllegalArgumentException(
          "tensor type "
              + type
              + " is not supported; supported: "
              + GgmlType.computableTypeNames());
    }
    return e.factory.create(data, rows, cols, onHeap && e.heapBytes != null);
  }
}
