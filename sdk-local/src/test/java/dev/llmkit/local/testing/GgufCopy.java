package dev.llmkit.local.testing;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Writes a copy of a GGUF file with edits: metadata keys dropped or added, tensors dropped,
 * replaced (F32 values transformed) or added. Values keep their kind (integers are written as
 * UINT32/INT32 or 64-bit when they need it).
 */
public final class GgufCopy {
  private final Path source;
  private final Set<String> droppedKeys = new HashSet<>();
  private final Set<String> droppedTensors = new HashSet<>();
  private final Map<String, UnaryOperator<float[]>> transforms = new HashMap<>();
  private Consumer<GgufWriter> extraMetadata = w -> {};
  private Consumer<GgufWriter> extraTensors = w -> {};

  private GgufCopy(Path source) {
    this.source = source;
  }

  public static GgufCopy of(Path source) {
    return new GgufCopy(source);
  }

  public GgufCopy dropKey(String key) {
    droppedKeys.add(key);
    return this;
  }

  /** Adds metadata after the copied keys (drop a key first to change it). */
  public GgufCopy metadata(Consumer<GgufWriter> add) {
    extraMetadata = extraMetadata.andThen(add);
    return this;
  }

  public GgufCopy dropTensor(String name) {
    droppedTensors.add(name);
    return this;
  }

  /** Replaces an F32 tensor's values by {@code f(values)} (same length). */
  public GgufCopy transformF32(String name, UnaryOperator<float[]> f) {
    transforms.put(name, f);
    return this;
  }

  public GgufCopy tensors(Consumer<GgufWriter> add) {
    extraTensors = extraTensors.andThen(add);
    return this;
  }

  public Path write(Path target) {
    GgufWriter w = new GgufWriter();
    try (GgufFile file = GgufFile.open(source)) {
      for (String key : file.metadata().keys()) {
        if (!droppedKeys.contains(key)) {
          put(w, key, file.metadata().get(key).orElseThrow());
        }
      }
      extraMetadata.accept(w);
      for (TensorInfo t : file.tensors()) {
        if (droppedTensors.contains(t.name())) {
          continue;
        }
        byte[] bytes = new byte[(int) t.byteSize()];
        file.tensorData(t).get(bytes);
        UnaryOperator<float[]> f = transforms.get(t.name());
        if (f != null) {
          ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
          float[] values = new float[bytes.length / 4];
          in.asFloatBuffer().get(values);
          float[] out = f.apply(values);
          ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(out);
        }
        w.tensor(t.name(), t.type(), t.shape(), bytes);
      }
      extraTensors.accept(w);
    }
    return w.write(target);
  }

  private static void put(GgufWriter w, String key, Object v) {
    if (v instanceof String) {
      w.putString(key, (String) v);
    } else if (v instanceof Float) {
      w.putF32(key, (Float) v);
    } else if (v instanceof Double) {
      w.putRaw(key, GgufWriter.FLOAT64, le(8).putDouble((Double) v).array());
    } else if (v instanceof Boolean) {
      w.putBool(key, (Boolean) v);
    } else if (v instanceof Integer) {
      int i = (Integer) v;
      if (i < 0) {
        w.putI32(key, i);
      } else {
        w.putU32(key, i);
      }
    } else if (v instanceof Long) {
      w.putU64(key, (Long) v);
    } else if (v instanceof String[]) {
      w.putStringArray(key, (String[]) v);
    } else if (v instanceof float[]) {
      w.putFloatArray(key, (float[]) v);
    } else if (v instanceof int[]) {
      w.putIntArray(key, (int[]) v);
    } else if (v instanceof boolean[]) {
      putBoolArray(w, key, (boolean[]) v);
    } else {
      throw new IllegalArgumentException("cannot copy metadata " + key + " of " + v.getClass());
    }
  }

  /** A BOOL array, which GgufWriter has no method for. */
  public static GgufWriter putBoolArray(GgufWriter w, String key, boolean... values) {
    ByteBuffer b = le(12 + values.length).putInt(GgufWriter.BOOL).putLong(values.length);
    for (boolean v : values) {
      b.put((byte) (v ? 1 : 0));
    }
    return w.putRaw(key, GgufWriter.ARRAY, b.array());
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
