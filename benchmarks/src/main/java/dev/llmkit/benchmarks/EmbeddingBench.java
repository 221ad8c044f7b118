package dev.llmkit.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.local.LocalClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * all-MiniLM-L6-v2 embeddings through llmkit's {@code LocalClient} (the shared F16 GGUF) next to
 * ONNX Runtime (langchain4j's {@code AllMiniLmL6V2EmbeddingModel}, F32 ONNX, the same weights) in
 * one JVM: batches of short texts, rounds alternating which engine goes first, so both see the same
 * machine load. Prints a Markdown table of median wall and process-CPU milliseconds per batch,
 * embeddings per second and the ratio (ONNX time / llmkit time: above 1 means llmkit is faster),
 * plus the lowest cosine between the two engines' vectors.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.llmkit.benchmarks.EmbeddingBench --model all-MiniLM-L6-v2-f16.gguf \
 *     [--threads 2] [--batch 32] [--rounds 40] [--warmup 15]
 * </pre>
 *
 * <p>Both engines get {@code --threads} threads: llmkit's compute pool, and the executor that
 * langchain4j spreads the texts of a batch over (ONNX Runtime's own intra-op pool is left at its
 * default).
 */
public final class EmbeddingBench {
  private static final String[] SUBJECTS = {
    "The committee",
    "A small dog",
    "Our new laptop",
    "The river",
    "My grandmother",
    "This recipe",
    "The train to Berlin",
    "A quiet student"
  };
  private static final String[] PREDICATES = {
    "approved the budget for next year",
    "barked at the mail carrier all morning",
    "runs for ten hours on one charge",
    "flooded the village after the storm",
    "still writes letters by hand",
    "needs two cups of flour and an egg",
    "was delayed by forty minutes",
    "solved the puzzle before anyone else"
  };

  private EmbeddingBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    if (args.has("help") || !args.has("model")) {
      System.out.println(
          "usage: EmbeddingBench --model all-MiniLM-L6-v2-f16.gguf [--threads 2]"
              + " [--batch 32] [--rounds 40] [--warmup 15]");
      System.exit(args.has("help") ? 0 : 2);
    }
    int threads = args.intValue("threads", 2);
    int batch = args.intValue("batch", 32);
    int rounds = args.intValue("rounds", 40);
    int warmup = args.intValue("warmup", 15);
    List<String> texts = texts(batch);
    List<TextSegment> segments = new ArrayList<>();
    texts.forEach(t -> segments.add(TextSegment.from(t)));
    EmbeddingRequest request =
        EmbeddingRequest.builder().model("all-MiniLM-L6-v2").inputs(texts).build();
    Path data = Files.createTempDirectory("llmkit-embed-bench");
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[][] wall = new double[2][rounds];
    double[][] cpu = new double[2][rounds];
    double worstCosine = 1;
    try (LocalClient llmkit =
        LocalClient.builder()
            .embeddingModel(Path.of(args.get("model", "")))
            .threads(threads)
            .dataDir(data)
            .build()) {
      AllMiniLmL6V2EmbeddingModel onnx = new AllMiniLmL6V2EmbeddingModel(executor);
      for (int i = -warmup; i < rounds; i++) {
        EmbeddingResponse ours = null;
        List<float[]> theirs = null;
        for (int k = 0; k < 2; k++) {
          int engine = (i + k) % 2 == 0 ? 0 : 1;
          long c0 = os.getProcessCpuTime();
          long t0 = System.nanoTime();
          if (engine == 0) {
            ours = llmkit.embeddings().embed(request);
          } else {
            theirs = new ArrayList<>();
            for (var e : onnx.embedAll(segments).content()) {
              theirs.add(e.vector());
            }
          }
          if (i >= 0) {
            wall[engine][i] = (System.nanoTime() - t0) / 1e6;
            cpu[engine][i] = (os.getProcessCpuTime() - c0) / 1e6;
          }
        }
        for (int t = 0; t < batch; t++) {
          worstCosine = Math.min(worstCosine, cosine(ours.embedding(t).vector(), theirs.get(t)));
        }
      }
    } finally {
      executor.shutdown();
    }
    print(threads, batch, rounds, wall, cpu, worstCosine);
  }

  private static void print(
      int threads, int batch, int rounds, double[][] wall, double[][] cpu, double worstCosine) {
    double[] w = {median(wall[0]), median(wall[1])};
    double[] c = {median(cpu[0]), median(cpu[1])};
    System.out.println(
        "| engine | threads | batch | wall ms/batch median (min–max)"
            + " | embeddings/s | CPU ms/batch | wall ratio | CPU ratio |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    String[] names = {"llmkit (F16 GGUF)", "ONNX Runtime (langchain4j, F32)"};
    for (int e = 0; e < 2; e++) {
      System.out.printf(
          "| %s | %d | %d | %.1f (%.1f–%.1f) | %.0f | %.1f | %s | %s |%n",
          names[e],
          threads,
          batch,
          w[e],
          min(wall[e]),
          max(wall[e]),
          batch * 1000 / w[e],
          c[e],
          e == 0 ? String.format("%.2f×", w[1] / w[0]) : "1.00×",
          e == 0 ? String.format("%.2f×", c[1] / c[0]) : "1.00×");
    }
    System.out.printf(
        "%n%d rounds; ratio = ONNX time / llmkit time (above 1: llmkit faster);"
            + " lowest cosine llmkit vs ONNX over all vectors: %.6f%n",
        rounds, worstCosine);
  }

  /** {@code n} short texts (8 to 14 words), all different. */
  static List<String> texts(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          SUBJECTS[i % SUBJECTS.length]
              + " "
              + PREDICATES[(i / SUBJECTS.length + i) % PREDICATES.length]
              + (i >= 64 ? " (" + i + ")" : "")
              + ".");
    }
    return out;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }
}
