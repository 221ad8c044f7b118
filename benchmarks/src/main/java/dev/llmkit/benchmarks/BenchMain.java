package dev.llmkit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmarks llmkit's local engine next to llama.cpp on the same GGUF files, threads and prompt,
 * and prints a Markdown table with the ratios. Every engine runs in a child JVM of its own (fresh
 * JIT, fresh heap; llama.cpp needs its own JVM anyway), one after the other, never in parallel.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar --model a.gguf [--model b.gguf] --threads 2 \
 *     [--prompt-tokens 128] [--gen 32] [--repeats 5] [--warmup 1] \
 *     [--engines api,engine,engine-scalar,llama.cpp,llama-bench] [--llama-bench PATH] \
 *     [--jvm-args "-Xmx4g"] [--out results.md]
 * </pre>
 *
 * <p>Engines: {@code api} = {@code LocalClient} completions stream with the Vector API, greedy;
 * {@code api-default} = the same with the client's default sampling (top-k 40 etc.); {@code engine}
 * = internal forward pass with the Vector API; {@code api-scalar} / {@code engine-scalar} the same
 * without {@code --add-modules jdk.incubator.vector}; {@code llama.cpp} = de.kherud:llama; {@code
 * llama-bench} = llama.cpp's own benchmark built natively ({@link LlamaBenchNative}; {@code
 * --llama-bench PATH} or {@code $LLAMA_BENCH}). Ratios are to llama-bench when it ran, else to
 * llama.cpp.
 */
public final class BenchMain {
  /**
   * The llmkit side of the {@code api*} and {@code engine*} engines. It lives in sdk-local's test
   * sources (shipped in sdk-local's test-jar, a runtime dependency of this module, so inside
   * benchmarks.jar) because the engine modes call sdk-local's internal forward pass; this module
   * only starts it by name in a child JVM and never compiles against it.
   */
  static final String LLMKIT_BENCH = "dev.llmkit.local.bench.LlmkitBench";

  /** Writes the benchmark prompt of a model (sdk-local's test sources, see above). */
  static final String PROMPT_FILE = "dev.llmkit.local.bench.PromptFile";

  private static final String PROMPT_MARKER = "@@LLMKIT-PROMPT ";

  private BenchMain() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    if (args.has("help") || args.all("model").isEmpty()) {
      System.out.println(
          "usage: java -jar benchmarks.jar --model FILE.gguf [--model ...] --threads N"
              + " [--prompt-tokens 128] [--gen 32] [--repeats 5] [--warmup 1]"
              + " [--engines api,engine,engine-scalar,api-scalar,llama.cpp,llama-bench]"
              + " [--llama-bench PATH] [--jvm-args \"-Xmx4g\"]"
              + " [--out FILE.md] [--work-dir DIR]");
      System.exit(args.has("help") ? 0 : 2);
    }
    int threads = args.intValue("threads", 2);
    int promptTokens = args.intValue("prompt-tokens", 128);
    int gen = args.intValue("gen", 32);
    int repeats = args.intValue("repeats", 5);
    int warmup = args.intValue("warmup", 1);
    int ctx = args.intValue("ctx", ((promptTokens + gen + 16 + 63) / 64) * 64);
    List<String> engines = Arrays.asList(args.get("engines", "api,engine,llama.cpp").split(","));
    List<String> jvmArgs = Arrays.asList(args.get("jvm-args", "-Xmx4g").trim().split("\\s+"));
    Path work =
        Path.of(args.get("work-dir", System.getProperty("java.io.tmpdir")))
            .resolve("llmkit-bench-" + ProcessHandle.current().pid());
    Files.createDirectories(work);

    List<String> rows = new ArrayList<>();
    rows.add(
        "| model | type | threads | engine | prompt tok | load ms | pp tok/s median (min–max)"
            + " | tg tok/s median (min–max) | pp ratio | tg ratio |");
    rows.add("|---|---|---:|---|---:|---:|---:|---:|---:|---:|");
    System.out.println(rows.get(0));
    System.out.println(rows.get(1));
    List<String> settings =
        List.of(
            "--threads",
            Integer.toString(threads),
            "--gen",
            Integer.toString(gen),
            "--repeats",
            Integer.toString(repeats),
            "--warmup",
            Integer.toString(warmup),
            "--ctx",
            Integer.toString(ctx));
    Native llamaBench = new Native(LlamaBenchNative.binary(args), gen, repeats);
    for (String model : args.all("model")) {
      for (String row :
          benchmarkModel(
              Path.of(model),
              promptTokens,
              threads,
              settings,
              engines,
              jvmArgs,
              work,
              llamaBench)) {
        rows.add(row);
        System.out.println(row);
      }
    }
    if (args.has("out")) {
      StringBuilder sb = new StringBuilder();
      sb.append("\n<!-- java -jar benchmarks.jar ").append(String.join(" ", argv)).append(" -->\n");
      for (String r : rows) {
        sb.append(r).append('\n');
      }
      Files.writeString(
          Path.of(args.get("out", "")),
          sb.toString(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    System.exit(0);
  }

  /** The native llama-bench binary and the run lengths it is given. */
  private record Native(Path binary, int gen, int repeats) {}

  /** Runs every engine on one model, one child process after the other; returns the table rows. */
  private static List<String> benchmarkModel(
      Path file,
      int promptTokens,
      int threads,
      List<String> settings,
      List<String> engines,
      List<String> jvmArgs,
      Path work,
      Native llamaBench)
      throws IOException, InterruptedException {
    String name = file.getFileName().toString().replaceFirst("\\.gguf$", "");
    Path promptFile = work.resolve(name + ".prompt.txt");
    String type = writePrompt(file, promptTokens, promptFile, work.resolve(name + ".prompt.log"));
    List<String> common =
        new ArrayList<>(
            List.of(
                "--model",
                file.toAbsolutePath().toString(),
                "--prompt-file",
                promptFile.toString()));
    common.addAll(settings);
    Map<String, Measurement> results = new LinkedHashMap<>();
    for (String engine : engines) {
      results.put(
          engine,
          "llama-bench".equals(engine)
              ? LlamaBenchNative.run(
                  llamaBench.binary(),
                  file.toAbsolutePath(),
                  threads,
                  promptTokens,
                  llamaBench.gen(),
                  llamaBench.repeats(),
                  work.resolve(name + ".llama-bench.log"))
              : runChild(engine, common, jvmArgs, work, name));
    }
    // Ratios are to the native llama-bench when it ran, else to de.kherud:llama's llama.cpp.
    String referenceName = results.containsKey("llama-bench") ? "llama-bench" : "llama.cpp";
    Measurement reference = results.get(referenceName);
    List<String> rows = new ArrayList<>();
    for (Map.Entry<String, Measurement> e : results.entrySet()) {
      rows.add(
          row(
              name,
              type,
              threads,
              e.getKey(),
              e.getValue(),
              e.getKey().equals(referenceName) ? null : reference));
    }
    return rows;
  }

  private static String row(
      String model, String type, int threads, String engine, Measurement m, Measurement reference) {
    if (m == null || m.info.containsKey("error")) {
      String why = m == null ? "no result" : m.info.get("error");
      return "| "
          + model
          + " | "
          + type
          + " | "
          + threads
          + " | "
          + engine
          + " | – | – | failed: "
          + why
          + " | – | – | – |";
    }
    String ppRatio = "–";
    String tgRatio = "–";
    if (reference != null && !reference.info.containsKey("error")) {
      ppRatio =
          Stats.num(
                  Stats.median(m.promptTokensPerSecond)
                      / Stats.median(reference.promptTokensPerSecond))
              + "×";
      tgRatio =
          Stats.num(Stats.median(m.genTokensPerSecond) / Stats.median(reference.genTokensPerSecond))
              + "×";
    }
    return "| "
        + model
        + " | "
        + type
        + " | "
        + threads
        + " | "
        + engine
        + " | "
        + m.info.getOrDefault("promptTokens", "?")
        + " | "
        + Stats.num(m.loadMs)
        + " | "
        + Stats.summary(m.promptTokensPerSecond)
        + " | "
        + Stats.summary(m.genTokensPerSecond)
        + " | "
        + ppRatio
        + " | "
        + tgRatio
        + " |";
  }

  /**
   * Writes the prompt for {@code model} (at most {@code promptTokens} tokens) to {@code out} in a
   * child JVM ({@link #PROMPT_FILE}); returns the model's most common matrix type, e.g. "Q8_0".
   */
  private static String writePrompt(Path model, int promptTokens, Path out, Path log)
      throws IOException, InterruptedException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            PROMPT_FILE,
            "--model",
            model.toAbsolutePath().toString(),
            "--prompt-tokens",
            Integer.toString(promptTokens),
            "--out",
            out.toString());
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("could not write the prompt of " + model + "; see " + log);
    }
    for (String line : stdout.split("\\R")) {
      if (line.startsWith(PROMPT_MARKER)) {
        return line.replaceFirst(".* type=", "").trim();
      }
    }
    throw new IOException("no prompt line from " + PROMPT_FILE + ": " + stdout);
  }

  /** Starts one engine in a child JVM and parses its marker line; a failure becomes an error. */
  static Measurement runChild(
      String engine, List<String> common, List<String> jvmArgs, Path work, String name)
      throws IOException, InterruptedException {
    Path log = work.resolve(name + "." + engine + ".log");
    List<String> cmd = childCommand(engine, common, jvmArgs, work, log);
    System.err.println("[bench] " + name + " / " + engine + ": " + String.join(" ", cmd));
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    List<String> out = new ArrayList<>();
    Thread reader = new Thread(() -> readLines(p.getInputStream(), out));
    reader.start();
    boolean done = p.waitFor(30, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    reader.join(10_000);
    synchronized (out) {
      Files.write(log, out, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      for (String line : out) {
        int at = line.indexOf(Measurement.MARKER);
        if (at >= 0) {
          return Measurement.parse(line.substring(at));
        }
      }
    }
    Measurement failed = new Measurement();
    failed.info.put("error", (done ? "exit code " + p.exitValue() : "timeout") + ", see " + log);
    System.err.println("[bench] " + engine + " failed, log: " + log);
    return failed;
  }

  /** The child JVM's command line for one engine; llama.cpp gets a temp directory of its own. */
  private static List<String> childCommand(
      String engine, List<String> common, List<String> jvmArgs, Path work, Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : jvmArgs) {
      if (!a.isEmpty()) {
        cmd.add(a);
      }
    }
    String main;
    List<String> extra = new ArrayList<>();
    switch (engine) {
      case "api":
      case "engine":
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        main = LLMKIT_BENCH;
        extra.add("--mode");
        extra.add(engine);
        break;
      case "api-default":
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        main = LLMKIT_BENCH;
        extra.addAll(List.of("--mode", "api", "--sampling", "default"));
        break;
      case "api-scalar":
      case "engine-scalar":
        cmd.add("-Dllmkit.local.vector=false");
        main = LLMKIT_BENCH;
        extra.add("--mode");
        extra.add(engine.replace("-scalar", ""));
        break;
      case "llama.cpp":
        // de.kherud:llama deletes llama* files in java.io.tmpdir: give it a directory of its own.
        Path tmp = Files.createTempDirectory(work, "llamacpp-tmp-");
        cmd.add("-Djava.io.tmpdir=" + tmp);
        main = LlamaCppBench.class.getName();
        break;
      default:
        throw new IllegalArgumentException(
            "unknown engine '"
                + engine
                + "'; known: api, api-default, engine, api-scalar, engine-scalar, llama.cpp,"
                + " llama-bench");
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main);
    cmd.addAll(common);
    if ("llama.cpp".equals(engine)) {
      extra.add("--stderr-file");
      extra.add(log.toString());
    }
    cmd.addAll(extra);
    return cmd;
  }

  private static void readLines(InputStream in, List<String> into) {
    try {
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      synchronized (into) {
        into.addAll(Arrays.asList(all.split("\\R")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
