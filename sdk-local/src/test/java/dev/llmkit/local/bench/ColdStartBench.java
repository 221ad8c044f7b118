package dev.llmkit.local.bench;

import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.DownloadListener;
import dev.llmkit.local.LocalClient;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The first request on a cold JVM next to the JVM's later requests: time to first token, prompt and
 * generation speed, and bytes allocated per request. Each run is a fresh child JVM ({@code
 * --child}) that initialises the kernels (timed on their own: the kernel selection and its JIT
 * warm-up), builds a {@code LocalClient}, then sends {@code --requests} greedy requests of a {@code
 * --prompt-tokens} prompt (rotated per request, so none reuses another's cached prompt) and {@code
 * --gen} tokens. Several {@code --cp} class paths (e.g. a jar of the previous commit and one of
 * this commit) run in alternation, model by model, {@code --runs} times each; one line per child
 * JVM.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.llmkit.local.bench.ColdStartBench \
 *     --model /tmp/llmkit-bench-models/smollm2-135m-Q8_0.gguf [--model …] \
 *     [--cp before.jar --cp after.jar] [--runs 3] [--threads 2] [--prompt-tokens 128] [--gen 32] \
 *     [--requests 3] [--jvm-args "-Xmx2g"]
 * </pre>
 *
 * <p>Allocated bytes are the per-thread counters of every live thread summed ({@code
 * com.sun.management.ThreadMXBean}); the compute pool's workers live as long as the client.
 */
public final class ColdStartBench {
  private static final String MARK = "COLD_START ";

  private ColdStartBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    if (args.has("child")) {
      child(args);
      System.exit(0);
    }
    if (args.all("model").isEmpty()) {
      System.out.println(
          "usage: ColdStartBench --model FILE.gguf [--model …] [--cp JAR --cp JAR]"
              + " [--runs 3] [--threads 2] [--prompt-tokens 128] [--gen 32] [--requests 3]"
              + " [--jvm-args \"-Xmx2g\"]");
      System.exit(2);
    }
    List<String> cps = args.all("cp");
    if (cps.isEmpty()) {
      cps = List.of(System.getProperty("java.class.path"));
    }
    System.out.println(
        "| model | class path | kernels ms | build ms | first request: TTFT ms, prompt tok/s,"
            + " gen tok/s, MB allocated, GCs | later requests (median): TTFT ms, prompt tok/s,"
            + " gen tok/s, MB allocated |");
    System.out.println("|---|---|---:|---:|---|---|");
    int runs = args.intValue("runs", 3);
    for (int run = 0; run < runs; run++) {
      for (String model : args.all("model")) {
        for (String cp : cps) {
          Map<String, String> v = child(args, cp, model);
          System.out.printf(
              "| %s | %s | %s | %s | %s, %s, %s, %s, %s | %s, %s, %s, %s |%n",
              Path.of(model).getFileName(),
              label(cp),
              v.getOrDefault("kernels", "?"),
              v.getOrDefault("build", "?"),
              v.getOrDefault("ttft1", "?"),
              v.getOrDefault("pp1", "?"),
              v.getOrDefault("tg1", "?"),
              v.getOrDefault("mb1", "?"),
              v.getOrDefault("gc1", "?"),
              v.getOrDefault("ttft", "?"),
              v.getOrDefault("pp", "?"),
              v.getOrDefault("tg", "?"),
              v.getOrDefault("mb", "?"));
          System.out.flush();
        }
      }
    }
  }

  /** A class path by the file names of its entries, e.g. {@code bench+after+benchmarks.jar}. */
  static String label(String cp) {
    List<String> names = new ArrayList<>();
    for (String entry : cp.split(java.io.File.pathSeparator)) {
      names.add(String.valueOf(Path.of(entry).getFileName()));
    }
    return String.join("+", names);
  }

  private static Map<String, String> child(Args args, String cp, String model)
      throws IOException, InterruptedException {
    List<String> cmd = ChildJvm.command(args, "");
    cmd.addAll(List.of("-cp", cp, ColdStartBench.class.getName(), "--child", "--model", model));
    for (String key : List.of("threads", "prompt-tokens", "gen", "requests")) {
      if (args.has(key)) {
        cmd.add("--" + key);
        cmd.add(args.get(key, ""));
      }
    }
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.MINUTES);
    Map<String, String> values = new HashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith(MARK)) {
        for (String kv : line.substring(MARK.length()).trim().split(" ")) {
          String[] pair = kv.split("=", 2);
          values.put(pair[0], pair[1]);
        }
      }
    }
    if (values.isEmpty()) {
      System.err.println("[cold-start] child failed: " + out);
    }
    return values;
  }

  private static void child(Args args) throws Exception {
    Path model = Path.of(args.require("model"));
    int gen = args.intValue("gen", 32);
    int requests = args.intValue("requests", 3);
    long t0 = System.nanoTime();
    Kernels.active();
    long kernelsMs = (System.nanoTime() - t0) / 1_000_000;
    int[] ids;
    try (GgufFile file = GgufFile.open(model)) {
      Tokenizer tokenizer = Tokenizer.fromMetadata(file.metadata());
      ids =
          tokenizer.encode(
              PromptBuilder.build(model, args.intValue("prompt-tokens", 128)).text(), true, false);
    }
    long t1 = System.nanoTime();
    Map<String, String> out = new LinkedHashMap<>();
    try (LocalClient client =
        LocalClient.builder()
            .model(model)
            .threads(args.intValue("threads", 2))
            .contextSize(ids.length + gen + 16)
            .offline(true)
            .downloadListener(DownloadListener.none())
            .build()) {
      out.put("kernels", Long.toString(kernelsMs));
      out.put("build", Long.toString((System.nanoTime() - t1) / 1_000_000));
      List<Double> ttft = new ArrayList<>();
      List<Double> pp = new ArrayList<>();
      List<Double> tg = new ArrayList<>();
      List<Double> mb = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        CompletionRequest request =
            CompletionRequest.builder()
                .model("local")
                .promptTokens(List.of(LlmkitBench.rotated(ids, i + 1)))
                .maxTokens(gen)
                .temperature(0.0)
                .extraBody(Map.of("ignore_eos", true))
                .build();
        System.out.println("request " + i + " starts at " + System.currentTimeMillis());
        Map<Long, Long> before = allocated();
        long gcs = collections();
        long start = System.nanoTime();
        long[] first = {0};
        int[] chunks = {0};
        client.completions().stream(request)
            .blockingForEach(
                c -> {
                  if (chunks[0]++ == 0) {
                    first[0] = System.nanoTime();
                  }
                });
        long end = System.nanoTime();
        double bytes = allocatedSince(before);
        double ttftMs = (first[0] - start) / 1e6;
        double prompt = ids.length / ((first[0] - start) / 1e9);
        double generation = (chunks[0] - 1) / ((end - first[0]) / 1e9);
        if (i == 0) {
          out.put("ttft1", String.format("%.0f", ttftMs));
          out.put("pp1", String.format("%.1f", prompt));
          out.put("tg1", String.format("%.1f", generation));
          out.put("mb1", String.format("%.0f", bytes / 1e6));
          out.put("gc1", Long.toString(collections() - gcs));
        } else {
          ttft.add(ttftMs);
          pp.add(prompt);
          tg.add(generation);
          mb.add(bytes / 1e6);
        }
      }
      out.put("ttft", String.format("%.0f", Stats.median(ttft)));
      out.put("pp", String.format("%.1f", Stats.median(pp)));
      out.put("tg", String.format("%.1f", Stats.median(tg)));
      out.put("mb", String.format("%.0f", Stats.median(mb)));
      out.put("promptTokens", Integer.toString(ids.length));
    }
    StringBuilder line = new StringBuilder(MARK);
    out.forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
    System.out.println(line.toString().trim());
    System.out.flush();
  }

  private static com.sun.management.ThreadMXBean threads() {
    return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  }

  /** Bytes allocated so far by each live thread, by thread id. */
  private static Map<Long, Long> allocated() {
    long[] ids = threads().getAllThreadIds();
    long[] bytes = threads().getThreadAllocatedBytes(ids);
    Map<Long, Long> m = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      m.put(ids[i], bytes[i]);
    }
    return m;
  }

  /** Bytes allocated since {@code before} by the threads live now (new threads from zero). */
  private static double allocatedSince(Map<Long, Long> before) {
    double sum = 0;
    for (Map.Entry<Long, Long> e : allocated().entrySet()) {
      if (e.getValue() >= 0) {
        sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
      }
    }
    return sum;
  }

  private static long collections() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }
}
