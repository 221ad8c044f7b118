package dev.llmkit.local.bench;

import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.LocalClient;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.KvCacheType;
import dev.llmkit.local.internal.model.LlamaConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resident memory and load time of llmkit's local engine next to native llama.cpp on the same GGUF
 * files, and the budget of issue 12: peak RSS ≤ file size + KV cache + 256 MiB (weights mapped, not
 * copied). Both engines hold a KV cache of prompt + gen positions. Each runs in a fresh process,
 * one after the other:
 *
 * <ul>
 *   <li>llmkit: a child JVM ({@code --child}) builds a {@code LocalClient} (load time = {@code
 *       build()}; also to the first token of a one-token prompt), streams {@code --gen} greedy
 *       tokens after a {@code --prompt-tokens} prompt, then reads VmRSS and VmHWM from
 *       /proc/self/status.
 *   <li>llama.cpp: {@code llama-bench} under {@code /usr/bin/time -v}; see {@link #llamaCpp}.
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.llmkit.local.bench.MemoryBench \
 *     --model /tmp/llmkit-bench-models/tinyllama-1.1b-Q8_0.gguf [--model …] \
 *     [--threads 2] [--prompt-tokens 64] [--gen 16] [--kv-cache-type f16] \
 *     [--llama-bench /tmp/llcpp/home/build/bin/llama-bench] [--jvm-args "-Xmx2g"]
 * </pre>
 */
public final class MemoryBench {
  private static final String MARK = "MEMORY_BENCH ";
  private static final long MIB = 1 << 20;

  private MemoryBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    if (args.has("child")) {
      child(args);
      return;
    }
    if (args.all("model").isEmpty()) {
      System.out.println(
          "usage: MemoryBench --model FILE.gguf [--model …]"
              + " [--threads 2] [--prompt-tokens 64] [--gen 16] [--kv-cache-type f16]"
              + " [--llama-bench PATH] [--jvm-args \"-Xmx2g\"]");
      System.exit(2);
    }
    int ctx = args.intValue("prompt-tokens", 64) + args.intValue("gen", 16);
    String type = args.get("kv-cache-type", "f16");
    String bench = args.get("llama-bench", "/tmp/llcpp/home/build/bin/llama-bench");
    System.out.println(
        "| model | file MiB | KV "
            + type
            + " MiB ("
            + ctx
            + " positions) | budget"
            + " MiB | llmkit RSS / peak MiB | llama.cpp peak MiB | llmkit load ms (+ first token)"
            + " | llama.cpp load + 1 token ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (String model : args.all("model")) {
      Path file = Path.of(model);
      long fileBytes = Files.size(file);
      long kv;
      try (GgufFile gguf = GgufFile.open(file)) {
        kv = LlamaConfig.from(gguf).kvCacheBytes(ctx, KvCacheType.parse(type));
      }
      Map<String, String> jvm = llmkit(args, file, ctx);
      Map<String, String> nat = llamaCpp(args, bench, file);
      long budget = fileBytes + kv + 256 * MIB;
      System.out.printf(
          "| %s | %d | %d | %d | %s / %s | %s | %s (%s) | %s |%n",
          file.getFileName(),
          fileBytes / MIB,
          kv / MIB,
          budget / MIB,
          jvm.getOrDefault("rss", "?"),
          jvm.getOrDefault("peak", "?"),
          nat.getOrDefault("peak", "?"),
          jvm.getOrDefault("load", "?"),
          jvm.getOrDefault("first", "?"),
          nat.getOrDefault("load", "?"));
    }
  }

  /** Runs this class with --child in a fresh JVM and reads its marker line. */
  private static Map<String, String> llmkit(Args args, Path file, int ctx)
      throws IOException, InterruptedException {
    List<String> cmd = ChildJvm.command(args, "-Xmx2g");
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            MemoryBench.class.getName(),
            "--child",
            "--model",
            file.toString(),
            "--ctx",
            Integer.toString(ctx),
            "--threads",
            args.get("threads", "2"),
            "--prompt-tokens",
            args.get("prompt-tokens", "64"),
            "--gen",
            args.get("gen", "16"),
            "--kv-cache-type",
            args.get("kv-cache-type", "f16")));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.MINUTES);
    Map<String, String> values = new java.util.HashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith(MARK)) {
        for (String kv : line.substring(MARK.length()).trim().split(" ")) {
          String[] pair = kv.split("=", 2);
          values.put(pair[0], pair[1]);
        }
      }
    }
    if (values.isEmpty()) {
      System.err.println("[memory] llmkit child failed: " + out);
    }
    return values;
  }

  private static void child(Args args) {
    Path file = Path.of(args.require("model"));
    int ctx = args.intValue("ctx", 2048);
    int gen = args.intValue("gen", 16);
    PromptBuilder.Prompt prompt = PromptBuilder.build(file, args.intValue("prompt-tokens", 64));
    long t0 = System.nanoTime();
    try (LocalClient client =
        LocalClient.builder()
            .model(file)
            .contextSize(ctx)
            .threads(args.intValue("threads", 2))
            .kvCacheType(args.get("kv-cache-type", "f16"))
            .build()) {
      long loadMs = (System.nanoTime() - t0) / 1_000_000;
      LoadBench.oneToken(client);
      long firstMs = (System.nanoTime() - t0) / 1_000_000;
      CompletionRequest request =
          CompletionRequest.builder()
              .model("local")
              .prompt(prompt.text())
              .temperature(0.0)
              .maxTokens(Math.max(1, ctx - prompt.tokens()))
              .extraBody(Map.of("ignore_eos", true))
              .build();
      long count = client.completions().stream(request).take(gen).count().blockingGet();
      Map<String, Long> status = status();
      System.out.println(
          MARK
              + "load="
              + loadMs
              + " first="
              + firstMs
              + " rss="
              + status.get("VmRSS") / 1024
              + " peak="
              + status.get("VmHWM") / 1024
              + " chunks="
              + count);
    }
  }

  /** VmRSS and VmHWM of this process in KiB. */
  private static Map<String, Long> status() {
    Map<String, Long> m = new java.util.HashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
          String[] parts = line.split("\\s+");
          m.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return m;
  }

  private static final Pattern MAX_RSS =
      Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
  private static final Pattern WALL =
      Pattern.compile(
          "Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (?:(\\d+):)?(\\d+):([0-9.]+)");

  /**
   * llama-bench under /usr/bin/time -v, twice: {@code -p PROMPT -n GEN -r 1} for the peak RSS (its
   * KV cache holds prompt + gen positions, as llmkit's does here), and {@code -p 0 -n 1 -r 1
   * --no-warmup} for the wall time of a load plus one generated token.
   */
  private static Map<String, String> llamaCpp(Args args, String bench, Path file)
      throws IOException, InterruptedException {
    Map<String, String> values = new java.util.HashMap<>();
    if (!Files.isExecutable(Path.of(bench))) {
      System.err.println("[memory] " + bench + " is not an executable; llama.cpp skipped");
      return values;
    }
    String threads = args.get("threads", "2");
    String out =
        time(
            llamaBench(
                bench, file, threads, args.get("prompt-tokens", "64"), args.get("gen", "16")));
    Matcher rss = MAX_RSS.matcher(out);
    if (rss.find()) {
      values.put("peak", Long.toString(Long.parseLong(rss.group(1)) / 1024));
    }
    long load = loadPlusOneToken(bench, file, threads);
    if (load >= 0) {
      values.put("load", Long.toString(load));
    }
    if (values.size() < 2) {
      System.err.println("[memory] llama-bench output not understood:\n" + out);
    }
    return values;
  }

  /**
   * Wall time in ms of llama-bench loading {@code file} and generating one token ({@code -p 0 -n 1
   * -r 1 --no-warmup}, the whole process under /usr/bin/time), or -1 when its output is not
   * understood.
   */
  static long loadPlusOneToken(String bench, Path file, String threads)
      throws IOException, InterruptedException {
    List<String> command = llamaBench(bench, file, threads, "0", "1");
    command.add("--no-warmup");
    String out = time(command);
    Matcher wall = WALL.matcher(out);
    if (!wall.find()) {
      return -1;
    }
    double seconds =
        (wall.group(1) == null ? 0 : 3600 * Integer.parseInt(wall.group(1)))
            + 60 * Integer.parseInt(wall.group(2))
            + Double.parseDouble(wall.group(3));
    return Math.round(seconds * 1000);
  }

  /** {@code llama-bench -m FILE -t THREADS -p PROMPT -n GEN -r 1}, open for more arguments. */
  private static List<String> llamaBench(
      String bench, Path file, String threads, String prompt, String gen) {
    return new ArrayList<>(
        List.of(bench, "-m", file.toString(), "-t", threads, "-p", prompt, "-n", gen, "-r", "1"));
  }

  private static String time(List<String> command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-v"));
    cmd.addAll(command);
    System.err.println("[memory] " + String.join(" ", cmd));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.MINUTES);
    return out;
  }
}
