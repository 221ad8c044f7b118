package dev.llmkit.local.internal.gguf;

import dev.llmkit.local.internal.tensor.TensorTypes;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ggml tensor types a GGUF file can declare, with their ggml ids and block layout.
 *
 * <p>The reader knows every type below so that it can compute tensor sizes and validate files; the
 * forward pass computes only with the types that {@code dev.llmkit.local.internal.tensor}
 * implements (its {@code TensorTypes} table; see {@link #isComputable()}).
 */
public enum GgmlType {
  F32(0, 1, 4),
  F16(1, 1, 2),
  Q4_0(2, 32, 18),
  Q4_1(3, 32, 20),
  Q5_0(6, 32, 22),
  Q5_1(7, 32, 24),
  Q8_0(8, 32, 34),
  Q8_1(9, 32, 36),
  Q2_K(10, 256, 84),
  Q3_K(11, 256, 110),
  Q4_K(12, 256, 144),
  Q5_K(13, 256, 176),
  Q6_K(14, 256, 210),
  Q8_K(15, 256, 292),
  IQ2_XXS(16, 256, 66),
  IQ2_XS(17, 256, 74),
  IQ3_XXS(18, 256, 98),
  IQ1_S(19, 256, 50),
  IQ4_NL(20, 32, 18),
  IQ3_S(21, 256, 110),
  IQ2_S(22, 256, 82),
  IQ4_XS(23, 256, 136),
  I8(24, 1, 1),
  I16(25, 1, 2),
  I32(26, 1, 4),
  I64(27, 1, 8),
  F64(28, 1, 8),
  IQ1_M(29, 256, 56),
  BF16(30, 1, 2),
  TQ1_0(34, 256, 54),
  TQ2_0(35, 256, 66),
  MXFP4(39, 32, 17);

  private static final GgmlType[] BY_ID = new GgmlType[64];

  static {
    for (GgmlType t : values()) {
      BY_ID[t.id] = t;
    }
  }

  private final int id;
  private final int blockSize;
  private final int typeSize;

  GgmlType(int id, int blockSize, int typeSize) {
    this.id = id;
    this.blockSize = blockSize;
    this.typeSize = typeSize;
  }

  /** The ggml type id stored in GGUF tensor infos. */
  public int id() {
    return id;
  }

  /** Elements per block (1 for plain float and integer types). */
  public int blockSize() {
    return blockSize;
  }

  /** Bytes per block. */
  public int typeSize() {
    return typeSize;
  }

  /** Whether the engine can compute with tensors of this type (see {@code TensorTypes}). */
  public boolean isComputable() {
    return TensorTypes.supports(this);
  }

  /** Bytes that {@code elements} elements take; the count must be a multiple of the block size. */
  public long byteSize(long elements) {
    if (elements % blockSize != 0) {
      throw new IllegalArgumentException(
          "elements " + elements + " is not a multiple of " + name() + " block size " + blockSize);
    }
    return Math.multiplyExact(elements / blockSize, (long) typeSize);
  }

  /** The type with this ggml id, if known. */
  public static Optional<GgmlType> byId(long id) {
    if (id < 0 || id >= BY_ID.length) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_ID[(int) id]);
  }

  /** Comma-separated names of all types the reader knows, for error messages. */
  public static String knownTypeNames() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /** Comma-separated names of the types the engine computes with, for error messages. */
  public static String computableTypeNames() {
    return Arrays.stream(values())
        .filter(GgmlType::isComputable)
        .map(Enum::name)
        .collect(Collectors.joining(", "));
  }
}
