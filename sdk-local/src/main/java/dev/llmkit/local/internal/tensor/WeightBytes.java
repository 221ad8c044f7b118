package dev.llmkit.local.internal.tensor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Weight rows as the vector kernels read them: copied in bulk from the (mapped) tensor data into a
 * per-thread {@code byte[]}, then loaded with {@code ByteVector.fromArray} and the little-endian
 * reads below.
 *
 * <p>Why arrays: the Vector API's {@code fromByteBuffer} exists only up to JDK 18 (JDK 19 replaced
 * it with {@code fromMemorySegment}, which a Java 17 build cannot name), so kernels that load from
 * a {@code ByteBuffer} fail to link on the JDKs most applications run (21, 25); loads from an array
 * exist on every JDK since 16. On JDK 17 they are also cheaper than buffer loads, which check
 * bounds and the buffer's liveness on every access (a decode-only probe: 0.55 against 0.95 ns per
 * 16 bytes).
 *
 * <p>One scratch per thread: a kernel copies its row and runs to the end before the next copy; no
 * kernel calls another that copies.
 */
final class WeightBytes {
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

  private WeightBytes() {}

  /**
   * {@code length} bytes of {@code data} from {@code offset}, copied to index 0 of this thread's
   * scratch (valid until the thread's next call).
   */
  static byte[] row(ByteBuffer data, int offset, int length) {
    byte[] s = scratch(length);
    data.get(offset, s, 0, length);
    return s;
  }

  /**
   * This thread's scratch, at least {@code length} bytes: for a kernel that copies many rows in
   * turn and looks the scratch up once.
   */
  static byte[] scratch(int length) {
    byte[] s = SCRATCH.get();
    if (s.length < length) {
      s = new byte[Math.max(length, 2 * s.length)];
      SCRATCH.set(s);
    }
    return s;
  }

  static short getShort(byte[] a, int at) {
    return (short) SHORT.get(a, at);
  }

  static int getInt(byte[] a, int at) {
    return (int) INT.get(a, at);
  }

  static long getLong(byte[] a, int at) {
    return (long) LONG.get(a, at);
  }
}
