package dev.llmkit.local.bench.proto;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Float16;
import dev.llmkit.local.internal.tensor.FloatTensor;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.MatMul;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prototype, not a test: an upper bound for generation speed from the matrix × vector products
 * alone (every 2-D weight but the token embedding once per token, as a generated token needs), with
 * sdk-local's {@code MatMul.matVec} on the mapped tensors of any type and, for an all-Q8_0 file,
 * with the repacked layout of {@link Q8_0KernelProto#repacked}, both split over the same {@link
 * ComputePool}. Attention, norms and sampling are left out, so real generation is slower than
 * either number. Run: java --add-modules jdk.incubator.vector -cp ...
 * dev.llmkit.local.bench.proto.GenerationBoundProto synth-1024x8-Q8_0.gguf 2
 */
public final class GenerationBoundProto {
  private GenerationBoundProto() {}

  private record Packed(byte[] quants, float[] scales, int rows, int cols) {}

  public static void main(String[] args) {
    Path path = Path.of(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    try (GgufFile file = GgufFile.open(path);
        ComputePool pool = new ComputePool(threads)) {
      List<FloatTensor> tensors = new ArrayList<>();
      List<Packed> packed = new ArrayList<>();
      int maxCols = 0;
      int maxRows = 0;
      for (TensorInfo info : ProtoWeights.matrices(file)) {
        FloatTensor t = FloatTensor.of(file, info);
        tensors.add(t);
        if (info.type() == GgmlType.Q8_0) {
          packed.add(repack(file.tensorData(info), t.rows(), t.cols()));
        }
        maxCols = Math.max(maxCols, t.cols());
        maxRows = Math.max(maxRows, t.rows());
      }
      float[] x = ProtoWeights.activations(maxCols);
      float[] out = new float[maxRows];
      Kernels kernels = Kernels.active();
      System.out.println(
          tensors.size()
              + " matrices ("
              + packed.size()
              + " Q8_0), "
              + threads
              + " threads, kernels "
              + kernels.name());
      for (int round = 0; round < 4; round++) {
        long t0 = System.nanoTime();
        int tokens = 20;
        for (int k = 0; k < tokens; k++) {
          for (FloatTensor t : tensors) {
            MatMul.matVec(pool, kernels, t, x, 0, out, 0);
          }
        }
        long t1 = System.nanoTime();
        for (int k = 0; k < tokens; k++) {
          for (Packed p : packed) {
            pool.forRange(
                p.rows,
                (from, to) -> {
                  for (int r = from; r < to; r++) {
                    out[r] =
                        Q8_0KernelProto.repacked(
                            p.quants, p.scales, r * p.cols, r * (p.cols / 32), x, p.cols);
                  }
                });
          }
        }
        long t2 = System.nanoTime();
        System.out.printf(
            "round %d: matVecs only, sdk-local %.1f tok/s, repacked Q8_0 %s%n",
            round,
            tokens / ((t1 - t0) / 1e9),
            packed.size() == tensors.size()
                ? String.format("%.1f tok/s", tokens / ((t2 - t1) / 1e9))
                : "(not every matrix is Q8_0)");
      }
    }
  }

  private static Packed repack(ByteBuffer data, int rows, int cols) {
    ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int blocks = cols / 32;
    byte[] quants = new byte[rows * cols];
    float[] scales = new float[rows * blocks];
    for (int i = 0; i < rows * blocks; i++) {
      scales[i] = Float16.toFloat(b.getShort(i * 34));
      b.position(i * 34 + 2);
      b.get(quants, i * 32, 32);
    }
    return new Packed(quants, scales, rows, cols);
  }
}
