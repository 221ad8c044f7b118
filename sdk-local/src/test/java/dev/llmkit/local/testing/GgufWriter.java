package dev.llmkit.local.testing;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes GGUF files (v3 by default) for tests: typed metadata, tensors with raw bytes, alignment.
 * {@link #toBytes()} gives the bytes so tests can corrupt them.
 */
public final class GgufWriter {
  /** GGUF metadata value type ids. */
  public static final int UINT8 = 0,
      INT8 = 1,
      UINT16 = 2,
      INT16 = 3,
      UINT32 = 4,
      INT32 = 5,
      FLOAT32 = 6,
      BOOL = 7,
      STRING = 8,
      ARRAY = 9,
      UINT64 = 10,
      INT64 = 11,
      FLOAT64 = 12;

  private final ByteArrayOutputStream kvs = new ByteArrayOutputStream();
  private int kvCount;
  private final List<Tensor> tensors = new ArrayList<>();
  private int version = 3;
  private int alignment = 32;

  private static final class Tensor {
    final String name;
    final long[] shape;
    final int typeId;
    final byte[] data;

    Tensor(String name, long[] shape, int typeId, byte[] data) {
      this.name = name;
      this.shape = shape;
      this.typeId = typeId;
      this.data = data;
    }
  }

  public GgufWriter version(int version) {
    this.version = version;
    return this;
  }

  /** Sets the data alignment used for padding; also call {@code putU32("general.alignment", a)}. */
  public GgufWriter alignment(int alignment) {
    this.alignment = alignment;
    return this;
  }

  public GgufWriter putString(String key, String value) {
    key(key, STRING);
    string(kvs, value);
    return this;
  }

  public GgufWriter putU32(String key, long value) {
    key(key, UINT32);
    bytes(kvs, le(4).putInt((int) value));
    return this;
  }

  public GgufWriter putI32(String key, int value) {
    key(key, INT32);
    bytes(kvs, le(4).putInt(value));
    return this;
  }

  public GgufWriter putU64(String key, long value) {
    key(key, UINT64);
    bytes(kvs, le(8).putLong(value));
    return this;
  }

  public GgufWriter putF32(String key, float value) {
    key(key, FLOAT32);
    bytes(kvs, le(4).putFloat(value));
    return this;
  }

  public GgufWriter putBool(String key, boolean value) {
    key(key, BOOL);
    kvs.write(value ? 1 : 0);
    return this;
  }

  /**
   * A scalar of any type given its raw little-endian encoding (e.g. {@code UINT8} with 1 byte,
   * {@code FLOAT64} with 8 bytes).
   */
  public GgufWriter putRaw(String key, int type, byte[] encoded) {
    key(key, type);
    kvs.writeBytes(encoded);
    return this;
  }

  public GgufWriter putStringArray(String key, String... values) {
    key(key, ARRAY);
    bytes(kvs, le(12).putInt(STRING).putLong(values.length));
    for (String v : values) {
      string(kvs, v);
    }
    return this;
  }

  public GgufWriter putFloatArray(String key, float... values) {
    key(key, ARRAY);
    bytes(kvs, le(12).putInt(FLOAT32).putLong(values.length));
    for (float v : values) {
      bytes(kvs, le(4).putFloat(v));
    }
    return this;
  }

  public GgufWriter putIntArray(String key, int... values) {
    key(key, ARRAY);
    bytes(kvs, le(12).putInt(INT32).putLong(values.length));
    for (int v : values) {
      bytes(kvs, le(4).putInt(v));
    }
    return this;
  }

  /** An array of arrays of INT32 values. */
  public GgufWriter putNestedIntArray(String key, int[]... values) {
    key(key, ARRAY);
    bytes(kvs, le(12).putInt(ARRAY).putLong(values.length));
    for (int[] inner : values) {
      bytes(kvs, le(12).putInt(INT32).putLong(inner.length));
      for (int v : inner) {
        bytes(kvs, le(4).putInt(v));
      }
    }
    return this;
  }

  /** A tensor with raw data in the type's block layout; shape in ggml order (ne0 first). */
  public GgufWriter tensor(String name, GgmlType type, long[] shape, byte[] data) {
    return tensor(name, type.id(), shape, data);
  }

  /** A tensor with any type id (also unknown ones). */
  public GgufWriter tensor(String name, int typeId, long[] shape, byte[] data) {
    tensors.add(new Tensor(name, shape.clone(), typeId, data.clone()));
    return this;
  }

  /** An F32 tensor. */
  public GgufWriter f32Tensor(String name, long[] shape, float[] values) {
    ByteBuffer b = le(values.length * 4);
    for (float v : values) {
      b.putFloat(v);
    }
    return tensor(name, GgmlType.F32, shape, b.array());
  }

  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bytes(out, le(4).put("GGUF".getBytes(StandardCharsets.US_ASCII)));
    bytes(out, le(4).putInt(version));
    bytes(out, le(16).putLong(tensors.size()).putLong(kvCount));
    out.writeBytes(kvs.toByteArray());
    long offset = 0;
    List<Long> offsets = new ArrayList<>();
    for (Tensor t : tensors) {
      string(out, t.name);
      bytes(out, le(4).putInt(t.shape.length));
      for (long d : t.shape) {
        bytes(out, le(8).putLong(d));
      }
      bytes(out, le(4).putInt(t.typeId));
      bytes(out, le(8).putLong(offset));
      offsets.add(offset);
      offset = pad(offset + t.data.length);
    }
    while (out.size() % alignment != 0) {
      out.write(0);
    }
    for (Tensor t : tensors) {
      out.writeBytes(t.data);
      while (out.size() % alignment != 0) {
        out.write(0);
      }
    }
    return out.toByteArray();
  }

  public Path write(Path file) {
    try {
      Files.write(file, toBytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long pad(long n) {
    return (n + alignment - 1) / alignment * alignment;
  }

  private void key(String key, int type) {
    string(kvs, key);
    bytes(kvs, le(4).putInt(type));
    kvCount++;
  }

  private static void string(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    bytes(out, le(8).putLong(b.length));
    out.writeBytes(b);
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void bytes(ByteArrayOutputStream out, ByteBuffer b) {
    out.writeBytes(b.array());
  }
}
