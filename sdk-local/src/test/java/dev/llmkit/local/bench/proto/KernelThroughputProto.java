package dev.llmkit.local.bench.proto;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.FloatTensor;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.MatMul;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prototype, not a test: how fast the matrix × vector kernel of each weight type in a GGUF file
 * runs, in multiply-adds and weight bytes per second, on its smallest 2-D tensor (which stays in
 * the caches between calls) and on all tensors of that type in turn (weights stream from memory, as
 * in generation). Tells a kernel bound by arithmetic (both rates alike) from one bound by memory.
 * Run: java --add-modules jdk.incubator.vector -cp ... {@code
 * dev.llmkit.local.bench.proto.KernelThroughputProto} model.gguf [threads]
 */
public final class KernelThroughputProto {
  private static final long ROUND_NANOS = 300_000_000L;

  private KernelThroughputProto() {}

  public static void main(String[] args) {
    Path path = Path.of(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    try (GgufFile file = GgufFile.open(path);
        ComputePool pool = new ComputePool(threads)) {
      Map<GgmlType, List<FloatTensor>> byType = new LinkedHashMap<>();
      int maxCols = 0;
      int maxRows = 0;
      for (TensorInfo info : ProtoWeights.matrices(file)) {
        FloatTensor t = FloatTensor.of(file, info);
        byType.computeIfAbsent(info.type(), k -> new ArrayList<>()).add(t);
        maxCols = Math.max(maxCols, t.cols());
        maxRows = Math.max(maxRows, t.rows());
      }
      float[] x = ProtoWeights.activations(maxCols);
      float[] out = new float[maxRows];
      Kernels kernels = Kernels.active();
      System.out.println(path.getFileName() + ", " + threads + " threads, " + kernels.name());
      for (Map.Entry<GgmlType, List<FloatTensor>> e : byType.entrySet()) {
        List<FloatTensor> all = e.getValue();
        FloatTensor smallest = all.get(0);
        for (FloatTensor t : all) {
          if ((long) t.rows() * t.cols() < (long) smallest.rows() * smallest.cols()) {
            smallest = t;
          }
        }
        double cached = best(pool, kernels, List.of(smallest), x, out);
        double streamed = best(pool, kernels, all, x, out);
        double bytesPerWeight =
            e.getKey().byteSize(e.getKey().blockSize()) / (double) e.getKey().blockSize();
        System.out.printf(
            "%-6s %3d tensors: cached (%d x %d) %.2f GMAC/s = %.2f GB/s; streamed %.2f GMAC/s ="
                + " %.2f GB/s%n",
            e.getKey(),
            all.size(),
            smallest.rows(),
            smallest.cols(),
            cached,
            cached * bytesPerWeight,
            streamed,
            streamed * bytesPerWeight);
      }
    }
  }

  /** The best of 8 rounds (after 3 warm-up rounds) of matrix × vector products over {@code ts}. */
  private static double best(
      ComputePool pool, Kernels kernels, List<FloatTensor> ts, float[] x, float[] out) {
    double best = 0;
    for (int round = 0; round < 11; round++) {
      long macs = 0;
      long t0 = System.nanoTime();
      int i = 0;
      while (System.nanoTime() - t0 < ROUND_NANOS) {
        FloatTensor t = ts.get(i++ % ts.size());
        MatMul.matVec(pool, kernels, t, x, 0, out, 0);
        macs += (long) t.rows() * t.cols();
      }
      if (round >= 3) {
        best = Math.max(best, macs / (double) (System.nanoTime() - t0));
      }
    }
    return best;
  }
}
