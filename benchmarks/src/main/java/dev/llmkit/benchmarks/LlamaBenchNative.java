package dev.llmkit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs llama.cpp's own {@code llama-bench} binary (built natively for this CPU by {@code
 * benchmarks/llama-cpp/build.sh}) on one file: {@code -t THREADS -p PROMPT -n GEN -r REPEATS -o
 * jsonl -d 0,PROMPT}, and reads each repetition's tokens/s from its {@code samples_ts}: prompt
 * processing of {@code PROMPT} tokens in one batch from an empty context, and generation of {@code
 * GEN} tokens after {@code PROMPT} positions (depth), which is what llmkit's numbers measure.
 */
final class LlamaBenchNative {
  private static final Pattern N_PROMPT = Pattern.compile("\"n_prompt\": (\\d+)");
  private static final Pattern N_GEN = Pattern.compile("\"n_gen\": (\\d+)");
  private static final Pattern N_DEPTH = Pattern.compile("\"n_depth\": (\\d+)");
  private static final Pattern SAMPLES = Pattern.compile("\"samples_ts\": \\[([^\\]]*)\\]");
  private static final Pattern CPU = Pattern.compile("\"cpu_info\": \"([^\"]*)\"");
  private static final Pattern COMMIT = Pattern.compile("\"build_commit\": \"([^\"]*)\"");

  private LlamaBenchNative() {}

  /** The binary: {@code --llama-bench}, else {@code $LLAMA_BENCH}, else the build script's. */
  static Path binary(Args args) {
    String configured = args.get("llama-bench", System.getenv("LLAMA_BENCH"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String home =
        System.getenv()
            .getOrDefault(
                "LLAMA_CPP_HOME", System.getProperty("user.home") + "/.cache/llmkit/llama-cpp");
    return Path.of(home, "build", "bin", "llama-bench");
  }

  static Measurement run(
      Path binary, Path model, int threads, int promptTokens, int gen, int repeats, Path log)
      throws IOException, InterruptedException {
    Measurement m = new Measurement();
    if (!Files.isExecutable(binary)) {
      m.info.put(
          "error",
          binary
              + " is not an executable; build it with"
              + " benchmarks/llama-cpp/build.sh or pass --llama-bench PATH");
      return m;
    }
    List<String> cmd =
        List.of(
            binary.toString(),
            "-m",
            model.toString(),
            "-t",
            Integer.toString(threads),
            "-p",
            Integer.toString(promptTokens),
            "-n",
            Integer.toString(gen),
            "-d",
            "0," + promptTokens,
            "-r",
            Integer.toString(repeats),
            "-o",
            "jsonl");
    System.err.println(
        "[bench] " + model.getFileName() + " / llama-bench: " + String.join(" ", cmd));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      m.info.put("error", "llama-bench failed, see " + log);
      return m;
    }
    m.loadMs = Double.NaN; // llama-bench does not report load time
    Files.writeString(log, out, java.nio.file.StandardOpenOption.APPEND);
    parse(out, promptTokens, m);
    m.info.put(
        "wallSeconds",
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    m.info.put("promptTokens", Integer.toString(promptTokens));
    return m;
  }

  /**
   * Fills {@code m} from llama-bench's JSON lines: prompt processing from an empty context (depth
   * 0), generation after {@code promptTokens} positions (depth {@code promptTokens}), as llmkit
   * measures them.
   */
  static void parse(String jsonl, int promptTokens, Measurement m) {
    for (String line : jsonl.split("\\R")) {
      Matcher samples = SAMPLES.matcher(line);
      Matcher np = N_PROMPT.matcher(line);
      Matcher ng = N_GEN.matcher(line);
      Matcher depth = N_DEPTH.matcher(line);
      if (!samples.find() || !np.find() || !ng.find() || !depth.find()) {
        continue;
      }
      boolean pp = Integer.parseInt(ng.group(1)) == 0;
      if (Integer.parseInt(depth.group(1)) != (pp ? 0 : promptTokens)) {
        continue;
      }
      List<Double> values = new ArrayList<>();
      for (String v : samples.group(1).split(",")) {
        if (!v.isBlank()) {
          values.add(Double.parseDouble(v.trim()));
        }
      }
      if (pp) {
        m.promptTokensPerSecond.addAll(values);
      } else {
        m.genTokensPerSecond.addAll(values);
      }
      Matcher cpu = CPU.matcher(line);
      if (cpu.find()) {
        m.info.put("cpu", cpu.group(1));
      }
      Matcher commit = COMMIT.matcher(line);
      if (commit.find()) {
        m.info.put("commit", commit.group(1));
      }
    }
    if (m.promptTokensPerSecond.isEmpty() || m.genTokensPerSecond.isEmpty()) {
      m.info.put("error", "no pp/tg results in llama-bench's output");
    }
  }
}
