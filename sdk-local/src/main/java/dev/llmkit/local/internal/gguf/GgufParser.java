package dev.llmkit.local.internal.gguf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/** Parses the GGUF header, metadata and tensor infos, validating them against the file size. */
final class GgufParser {
  private static final int MAGIC = 0x46554747; // "GGUF" little-endian
  private static final int MAX_ARRAY_DEPTH = 8;
  private static final int MAX_DIMS = 4;
  private static final int MAX_SHOWN = 96;
  private static final long MAX_ALIGNMENT = 1L << 20;

  /** Smallest possible encodings, used to bound counts by the bytes left in the file. */
  private static final int MIN_KV_BYTES = 8 + 4 + 1;

  private static final int MIN_TENSOR_INFO_BYTES = 8 + 4 + 8 + 4 + 8;

  private final GgufInput in;

  private GgufParser(GgufInput in) {
    this.in = in;
  }

  static GgufFile parse(Path path, FileChannel channel, long maxSegmentBytes) throws IOException {
    long size = channel.size();
    GgufParser p = new GgufParser(new GgufInput(channel, size));
    if (size < 4) {
      throw new GgufFormatException("not a GGUF file: only " + size + " bytes");
    }
    int magic = p.in.i32("magic");
    if (magic != MAGIC) {
      throw new GgufFormatException(
          "not a GGUF file: magic bytes are " + hex(magic) + ", expected 47 47 55 46 ('GGUF')");
    }
    long version = p.in.u32("version");
    if (version == 1) {
      throw new GgufFormatException(
          "GGUF version 1 is not supported (obsolete layout with 32-bit"
              + " counts); re-convert the model with a current llama.cpp");
    }
    if (version != 2 && version != 3) {
      boolean bigEndian =
          Integer.reverseBytes((int) version) == 2 || Integer.reverseBytes((int) version) == 3;
      throw new GgufFormatException(
          "unsupported GGUF version "
              + version
              + (bigEndian ? " (this looks like a big-endian GGUF file)" : ""));
    }
    int tensorCount = p.in.count("tensor count", MIN_TENSOR_INFO_BYTES);
    int kvCount = p.in.count("metadata entry count", MIN_KV_BYTES);
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < kvCount; i++) {
      String key = p.in.string("metadata key #" + i);
      String shown = shown(key);
      int type = p.in.i32("value type of metadata key '" + shown + "'");
      Object value = p.value(type, shown, 0);
      if (values.put(key, value) != null) {
        throw new GgufFormatException("duplicate metadata key '" + shown + "'");
      }
    }
    String fileName = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    GgufMetadata metadata = new GgufMetadata(fileName, values);
    long alignment = alignment(metadata);
    List<TensorInfo> tensors = new ArrayList<>(Math.min(tensorCount, 1 << 16));
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tensorCount; i++) {
      TensorInfo t = p.tensorInfo(i);
      if (!names.add(t.name())) {
        throw new GgufFormatException("duplicate tensor name '" + shown(t.name()) + "'");
      }
      tensors.add(t);
    }
    long dataOffset = align(p.in.position(), alignment);
    long dataBytes = size - dataOffset;
    for (TensorInfo t : tensors) {
      if (t.offset() % alignment != 0) {
        throw new GgufFormatException(
            "tensor "
                + shown(t.name())
                + " data offset "
                + t.offset()
                + " is not a multiple of the alignment "
                + alignment);
      }
      if (dataBytes < 0 || t.offset() > dataBytes || t.byteSize() > dataBytes - t.offset()) {
        throw new GgufFormatException(
            "file is truncated: tensor "
                + shown(t.name())
                + " needs bytes "
                + t.offset()
                + ".."
                + (t.offset() + t.byteSize())
                + " of the data section, which has only "
                + Math.max(0, dataBytes)
                + " bytes");
      }
    }
    return GgufFile.create(
        path, channel, (int) version, metadata, tensors, dataOffset, maxSegmentBytes);
  }

  private static long alignment(GgufMetadata metadata) throws GgufFormatException {
    if (!metadata.contains("general.alignment")) {
      return 32;
    }
    long a = metadata.getLong("general.alignment", -1);
    if (a <= 0 || a > MAX_ALIGNMENT || Long.bitCount(a) != 1) {
      throw new GgufFormatException(
          "general.alignment must be a power of two up to "
              + MAX_ALIGNMENT
              + ", got "
              + metadata.get("general.alignment").orElse("?"));
    }
    return a;
  }

  private static long align(long position, long alignment) {
    return (position + alignment - 1) / alignment * alignment;
  }

  /**
   * A name read from the file as it may appear in a message: at most {@value #MAX_SHOWN} chars (a
   * hostile file can hold a megabyte of escape sequences in a "name").
   */
  static String shown(String name) {
    return name.length() <= MAX_SHOWN
        ? name
        : name.substring(0, MAX_SHOWN) + "…(" + name.length() + " chars)";
  }

  private TensorInfo tensorInfo(int index) throws IOException {
    String fullName = in.string("name of tensor #" + index);
    String name = shown(fullName);
    long nDims = in.u32("dimension count of tensor " + name);
    if (nDims < 1 || nDims > MAX_DIMS) {
      throw new GgufFormatException(
          "tensor " + name + " has " + nDims + " dimensions; 1 to " + MAX_DIMS + " are supported");
    }
    long[] shape = new long[(int) nDims];
    long elements = 1;
    for (int d = 0; d < nDims; d++) {
      shape[d] = in.i64("dimension " + d + " of tensor " + name);
      if (shape[d] <= 0 || shape[d] > in.remaining() * 64 + 64) {
        throw new GgufFormatException(
            "tensor "
                + name
                + " dimension "
                + d
                + " is "
                + Long.toUnsignedString(shape[d])
                + ", which is out of range for this file");
      }
      try {
        elements = Math.multiplyExact(elements, shape[d]);
      } catch (ArithmeticException e) {
        throw new GgufFormatException(
            "tensor " + name + " has too many elements (shape overflows)");
      }
    }
    long typeId = in.u32("type of tensor " + name);
    GgmlType type =
        GgmlType.byId(typeId)
            .orElseThrow(
                () ->
                    new GgufFormatException(
                        "tensor "
                            + name
                            + " has unknown ggml type id "
                            + typeId
                            + "; known types: "
                            + GgmlType.knownTypeNames()));
    if (shape[0] % type.blockSize() != 0) {
      throw new GgufFormatException(
          "tensor "
              + name
              + " row length "
              + shape[0]
              + " is not a multiple of the "
              + type
              + " block size "
              + type.blockSize());
    }
    long offset = in.i64("data offset of tensor " + name);
    if (offset < 0) {
      throw new GgufFormatException(
          "tensor "
              + name
              + " data offset "
              + Long.toUnsignedString(offset)
              + " exceeds file size");
    }
    return new TensorInfo(fullName, shape, type, offset, type.byteSize(elements));
  }

  private Object value(int type, String key, int depth) throws IOException {
    String what = "value of metadata key '" + key + "'";
    switch (type) {
      case 0:
        return in.u8(what);
      case 1:
        return (int) (byte) in.u8(what);
      case 2:
        return in.i16(what) & 0xFFFF;
      case 3:
        return (int) in.i16(what);
      case 4:
        return in.u32(what);
      case 5:
        return in.i32(what);
      case 6:
        return in.f32(what);
      case 7:
        return in.u8(what) != 0;
      case 8:
        return in.string(what);
      case 9:
        return array(key, depth);
      case 10:
      case 11:
        return in.i64(what);
      case 12:
        return in.f64(what);
      default:
        throw new GgufFormatException(
            "metadata key '"
                + key
                + "' has unknown value type "
                + type
                + "; known types are 0 to 12 (UINT8 .. FLOAT64)");
    }
  }

  /** An array element of type 0, 1, 2, 3 or 5 (UINT8, INT8, UINT16, INT16, INT32) as an int. */
  private int intValue(int type, String what) throws IOException {
    switch (type) {
      case 0:
        return in.u8(what);
      case 1:
        return (byte) in.u8(what);
      case 2:
        return in.i16(what) & 0xFFFF;
      case 3:
        return in.i16(what);
      default:
        return in.i32(what);
    }
  }

  private static int minBytes(int type) {
    switch (type) {
      case 0:
      case 1:
      case 7:
        return 1;
      case 2:
      case 3:
        return 2;
      case 4:
      case 5:
      case 6:
        return 4;
      case 8:
      case 10:
      case 11:
      case 12:
        return 8;
      case 9:
        return 12;
      default:
        return -1;
    }
  }

  private Object array(String key, int depth) throws IOException {
    if (depth >= MAX_ARRAY_DEPTH) {
      throw new GgufFormatException(
          "metadata key '" + key + "' nests arrays deeper than " + MAX_ARRAY_DEPTH + " levels");
    }
    int elemType = in.i32("array element type of metadata key '" + key + "'");
    int min = minBytes(elemType);
    if (min < 0) {
      throw new GgufFormatException(
          "metadata key '"
              + key
              + "' has arrays of unknown value type "
              + elemType
              + "; known types are 0 to 12 (UINT8 .. FLOAT64)");
    }
    int n = in.count("array length of metadata key '" + key + "'", min);
    String what = "array of metadata key '" + key + "'";
    switch (elemType) {
      case 0:
      case 1:
      case 2:
      case 3:
      case 5:
        {
          int[] a = new int[n];
          for (int i = 0; i < n; i++) {
            a[i] = intValue(elemType, what);
          }
          return a;
        }
      case 4:
      case 10:
      case 11:
        {
          long[] a = new long[n];
          for (int i = 0; i < n; i++) {
            a[i] = elemType == 4 ? in.u32(what) : in.i64(what);
          }
          return a;
        }
      case 6:
        {
          float[] a = new float[n];
          for (int i = 0; i < n; i++) {
            a[i] = in.f32(what);
          }
          return a;
        }
      case 12:
        {
          double[] a = new double[n];
          for (int i = 0; i < n; i++) {
            a[i] = in.f64(what);
          }
          return a;
        }
      case 7:
        {
          boolean[] a = new boolean[n];
          for (int i = 0; i < n; i++) {
            a[i] = in.u8(what) != 0;
          }
          return a;
        }
      case 8:
        {
          String[] a = new String[n];
          for (int i = 0; i < n; i++) {
            a[i] = in.string(what);
          }
          return a;
        }
      default:
        {
          Object[] a = new Object[n];
          for (int i = 0; i < n; i++) {
            a[i] = array(key, depth + 1);
          }
          return a;
        }
    }
  }

  private static String hex(int v) {
    return String.format(
        "%02x %02x %02x %02x", v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, (v >>> 24));
  }
}
