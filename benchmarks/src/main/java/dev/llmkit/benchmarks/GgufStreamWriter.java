package dev.llmkit.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a GGUF v3 file whose tensor data is produced while writing, so that files of hundreds of
 * MB never sit in memory. Metadata first ({@code put*}), then {@link #tensor} declarations with a
 * byte size and a producer, then {@link #write}.
 */
final class GgufStreamWriter {
  private static final int ALIGNMENT = 32;
  private static final int UINT32 = 4, INT32 = 5, FLOAT32 = 6, BOOL = 7, STRING = 8, ARRAY = 9;

  private final ByteBuf kvs = new ByteBuf();
  private int kvCount;
  private final List<Tensor> tensors = new ArrayList<>();

  private record Tensor(
      String name, long[] shape, int typeId, long bytes, Consumer<OutputStream> data) {}

  GgufStreamWriter putString(String key, String value) {
    key(key, STRING);
    kvs.string(value);
    return this;
  }

  GgufStreamWriter putU32(String key, long value) {
    key(key, UINT32);
    kvs.le(4).putInt((int) value);
    return this;
  }

  GgufStreamWriter putF32(String key, float value) {
    key(key, FLOAT32);
    kvs.le(4).putFloat(value);
    return this;
  }

  GgufStreamWriter putBool(String key, boolean value) {
    key(key, BOOL);
    kvs.le(1).put((byte) (value ? 1 : 0));
    return this;
  }

  GgufStreamWriter putStrings(String key, List<String> values) {
    key(key, ARRAY);
    kvs.le(12).putInt(STRING).putLong(values.size());
    for (String v : values) {
      kvs.string(v);
    }
    return this;
  }

  GgufStreamWriter putFloats(String key, float[] values) {
    key(key, ARRAY);
    kvs.le(12).putInt(FLOAT32).putLong(values.length);
    for (float v : values) {
      kvs.le(4).putFloat(v);
    }
    return this;
  }

  GgufStreamWriter putInts(String key, int[] values) {
    key(key, ARRAY);
    kvs.le(12).putInt(INT32).putLong(values.length);
    for (int v : values) {
      kvs.le(4).putInt(v);
    }
    return this;
  }

  /** A tensor (shape in ggml order, ne0 first) whose {@code bytes} bytes {@code data} writes. */
  GgufStreamWriter tensor(
      String name, int typeId, long[] shape, long bytes, Consumer<OutputStream> data) {
    tensors.add(new Tensor(name, shape.clone(), typeId, bytes, data));
    return this;
  }

  void write(Path file) throws IOException {
    ByteBuf head = new ByteBuf();
    head.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    head.le(4).putInt(3);
    head.le(16).putLong(tensors.size()).putLong(kvCount);
    head.bytes(kvs.toArray());
    long offset = 0;
    for (Tensor t : tensors) {
      head.string(t.name);
      head.le(4).putInt(t.shape.length);
      for (long d : t.shape) {
        head.le(8).putLong(d);
      }
      head.le(4).putInt(t.typeId);
      head.le(8).putLong(offset);
      offset = pad(offset + t.bytes);
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      byte[] h = head.toArray();
      out.write(h);
      out.write(new byte[(int) (pad(h.length) - h.length)]);
      for (Tensor t : tensors) {
        CountingStream counting = new CountingStream(out);
        t.data.accept(counting);
        if (counting.count != t.bytes) {
          throw new IllegalStateException(
              t.name + ": wrote " + counting.count + " bytes, declared " + t.bytes);
        }
        out.write(new byte[(int) (pad(t.bytes) - t.bytes)]);
      }
    }
  }

  private static long pad(long n) {
    return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  private void key(String key, int type) {
    kvs.string(key);
    kvs.le(4).putInt(type);
    kvCount++;
  }

  /** A growable little-endian byte buffer. */
  private static final class ByteBuf {
    private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    ByteBuffer le(int n) {
      if (buf.remaining() < n) {
        ByteBuffer bigger =
            ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n))
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.flip();
        bigger.put(buf);
        buf = bigger;
      }
      return buf;
    }

    void bytes(byte[] b) {
      le(b.length).put(b);
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      le(8).putLong(b.length);
      bytes(b);
    }

    byte[] toArray() {
      byte[] out = new byte[buf.position()];
      buf.duplicate().flip().get(out);
      return out;
    }
  }

  private static final class CountingStream extends OutputStream {
    private final OutputStream out;
    long count;

    CountingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
