package dev.llmkit.local.internal.model;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import dev.llmkit.local.internal.tensor.FloatTensor;
import java.util.Arrays;

/** Finds tensors of a GGUF file by name and checks their shapes; ModelLoadException otherwise. */
final class Tensors {
  private final GgufFile file;

  Tensors(GgufFile file) {
    this.file = file;
  }

  boolean has(String name) {
    return file.tensor(name).isPresent();
  }

  private TensorInfo info(String name) {
    TensorInfo t =
        file.tensor(name)
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        "local", file.path() + ": tensor " + name + " is missing"));
    if (!t.type().isComputable()) {
      throw new ModelLoadException(
          "local",
          file.path()
              + ": tensor "
              + name
              + " has type "
              + t.type()
              + ", which is not supported; supported tensor types: "
              + GgmlType.computableTypeNames());
    }
    return t;
  }

  /**
   * A mapped 2-D tensor of {@code rows} rows of {@code cols} elements (ggml shape [cols, rows]).
   */
  FloatTensor matrix(String name, int cols, int rows) {
    TensorInfo t = info(name);
    long[] shape = t.shape();
    if (shape.length != 2 || shape[0] != cols || (rows >= 0 && shape[1] != rows)) {
      throw new ModelLoadException(
          "local",
          file.path()
              + ": tensor "
              + name
              + " has shape "
              + Arrays.toString(shape)
              + ", expected ["
              + cols
              + ", "
              + (rows >= 0 ? rows : "n")
              + "]");
    }
    return FloatTensor.of(file, t);
  }

  /** A 1-D tensor of {@code length} elements, copied to a float array. */
  float[] vector(String name, int length) {
    TensorInfo t = info(name);
    if (t.elementCount() != length) {
      throw new ModelLoadException(
          "local",
          file.path()
              + ": tensor "
              + name
              + " has shape "
              + Arrays.toString(t.shape())
              + ", expected "
              + length
              + " elements");
    }
    int cols = (int) t.shape()[0];
    FloatTensor tensor = FloatTensor.of(t.type(), file.tensorData(t), length / cols, cols);
    float[] out = new float[length];
    for (int r = 0; r < tensor.rows(); r++) {
      tensor.dequantizeRow(r, out, r * cols);
    }
    return out;
  }
}
