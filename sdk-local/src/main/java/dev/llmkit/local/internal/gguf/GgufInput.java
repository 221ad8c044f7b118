package dev.llmkit.local.internal.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Sequential little-endian reads from a file channel through a buffer, with every length checked
 * against the bytes left in the file before anything is allocated.
 */
final class GgufInput {
  private static final int BUFFER_SIZE = 1 << 20;

  private final FileChannel channel;
  private final long fileSize;
  private final ByteBuffer buffer;

  /** File position of {@code buffer.position()}. */
  private long position;

  GgufInput(FileChannel channel, long fileSize) {
    this.channel = channel;
    this.fileSize = fileSize;
    this.buffer = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    this.buffer.limit(0);
  }

  long position() {
    return position;
  }

  long remaining() {
    return fileSize - position;
  }

  private void require(int n, String what) throws IOException {
    if (buffer.remaining() >= n) {
      return;
    }
    if (remaining() < n) {
      throw new GgufFormatException(
          "file is truncated: "
              + what
              + " at byte "
              + position
              + " needs "
              + n
              + " bytes but only "
              + remaining()
              + " remain");
    }
    buffer.compact();
    while (buffer.position() < n) {
      int read = channel.read(buffer, position + buffer.position());
      if (read < 0) {
        throw new GgufFormatException(
            "file is truncated: unexpected end of file at byte " + (position + buffer.position()));
      }
    }
    buffer.flip();
  }

  int u8(String what) throws IOException {
    require(1, what);
    position += 1;
    return buffer.get() & 0xFF;
  }

  short i16(String what) throws IOException {
    require(2, what);
    position += 2;
    return buffer.getShort();
  }

  int i32(String what) throws IOException {
    require(4, what);
    position += 4;
    return buffer.getInt();
  }

  long u32(String what) throws IOException {
    return i32(what) & 0xFFFF_FFFFL;
  }

  long i64(String what) throws IOException {
    require(8, what);
    position += 8;
    return buffer.getLong();
  }

  float f32(String what) throws IOException {
    return Float.intBitsToFloat(i32(what));
  }

  double f64(String what) throws IOException {
    return Double.longBitsToDouble(i64(what));
  }

  /**
   * A count (uint64) of items of at least {@code minItemBytes} bytes each, checked against the
   * bytes left in the file so that no allocation can exceed the file size.
   */
  int count(String what, long minItemBytes) throws IOException {
    long at = position;
    long n = i64(what);
    long left = remaining();
    if (n < 0 || n > Integer.MAX_VALUE - 8 || (minItemBytes > 0 && n > left / minItemBytes)) {
      throw new GgufFormatException(
          what
              + " "
              + Long.toUnsignedString(n)
              + " at byte "
              + at
              + " exceeds file size ("
              + left
              + " bytes left, "
              + minItemBytes
              + " bytes per item at least)");
    }
    return (int) n;
  }

  /**
   * A string: its length (uint64), then that many bytes of UTF-8. {@code what} names it in
   * messages; nothing is built from it unless a message is (vocabularies hold 150,000 strings).
   */
  String string(String what) throws IOException {
    long at = position;
    if (buffer.remaining() < 8) {
      require(8, what + " length");
    }
    position += 8;
    long len = buffer.getLong();
    if (len < 0 || len > remaining() || len > Integer.MAX_VALUE - 8) {
      throw new GgufFormatException(
          "string length "
              + Long.toUnsignedString(len)
              + " of "
              + what
              + " at byte "
              + at
              + " exceeds file size ("
              + remaining()
              + " bytes left)");
    }
    int n = (int) len;
    if (n <= BUFFER_SIZE) {
      require(n, what);
      String s;
      if (buffer.hasArray()) {
        s =
            new String(
                buffer.array(),
                buffer.arrayOffset() + buffer.position(),
                n,
                StandardCharsets.UTF_8);
        buffer.position(buffer.position() + n);
      } else {
        byte[] bytes = new byte[n];
        buffer.get(bytes);
        s = new String(bytes, StandardCharsets.UTF_8);
      }
      position += n;
      return s;
    }
    byte[] bytes = new byte[n];
    int done = 0;
    while (done < n) {
      int chunk = Math.min(BUFFER_SIZE, n - done);
      require(chunk, what);
      buffer.get(bytes, done, chunk);
      position += chunk;
      done += chunk;
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
