package dev.llmkit.benchmarks;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Child-JVM side for llama.cpp through de.kherud:llama (its embedded llama.cpp server). The speeds
 * are llama.cpp's own timings ({@code prompt eval time} and {@code eval time} of each request, read
 * from its log), so they exclude JNI and Java overhead. Must run in its own JVM: the library prints
 * to stdout, keeps non-daemon threads, and deletes {@code llama*} files in {@code java.io.tmpdir}
 * when it starts. Ends with {@link System#exit}.
 */
public final class LlamaCppBench {
  private static final Pattern PROMPT_EVAL =
      Pattern.compile("prompt eval time =\\s*([0-9.]+) ms /\\s*([0-9]+) tokens");
  private static final Pattern EVAL =
      Pattern.compile("(?m)^\\s*eval time =\\s*([0-9.]+) ms /\\s*([0-9]+) tokens");
  private static final Pattern SYSTEM_INFO = Pattern.compile("CPU : ([^\\n]*)");

  private LlamaCppBench() {}

  public static void main(String[] argv) {
    try {
      run(new Args(argv));
      System.exit(0);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(Args args) throws Exception {
    String model = args.require("model");
    int threads = args.intValue("threads", 2);
    String prompt = Files.readString(Path.of(args.require("prompt-file")));
    int gen = args.intValue("gen", 32);
    int repeats = args.intValue("repeats", 3);
    int warmup = args.intValue("warmup", 1);
    int ctx = args.intValue("ctx", 512);
    // llama.cpp's server logs (with the timings) go straight to the native stderr, which the parent
    // redirects to this file; read them back from there.
    Path stderr = Path.of(args.require("stderr-file"));
    Measurement m = new Measurement();
    long t0 = System.nanoTime();
    LlamaModel llama =
        new LlamaModel(
            new ModelParameters()
                .setModel(model)
                .setThreads(threads)
                .setThreadsBatch(threads)
                .setCtxSize(ctx)
                .setBatchSize(Math.max(512, ctx))
                .setUbatchSize(Math.max(512, ctx)));
    m.loadMs = (System.nanoTime() - t0) / 1e6;
    Matcher info = SYSTEM_INFO.matcher(Files.readString(stderr));
    if (info.find()) {
      m.info.put("cpu", info.group(1).trim().replaceAll("\\s*\\|\\s*$", ""));
    }
    List<Double> wallMs = new ArrayList<>();
    for (int i = 0; i < warmup + repeats; i++) {
      long logStart = Files.size(stderr);
      InferenceParameters request =
          new InferenceParameters(prompt)
              .setNPredict(gen)
              .setTemperature(0f)
              .setIgnoreEos(true)
              .setCachePrompt(false)
              .setSeed(1);
      long start = System.nanoTime();
      llama.complete(request);
      long end = System.nanoTime();
      String timings = awaitTimings(stderr, logStart);
      Matcher pp = PROMPT_EVAL.matcher(timings);
      Matcher tg = EVAL.matcher(timings);
      if (!pp.find() || !tg.find()) {
        throw new IllegalStateException("llama.cpp printed no timings; log was:\n" + timings);
      }
      if (i >= warmup) {
        m.promptTokensPerSecond.add(
            Integer.parseInt(pp.group(2)) / (Double.parseDouble(pp.group(1)) / 1e3));
        m.genTokensPerSecond.add(
            Integer.parseInt(tg.group(2)) / (Double.parseDouble(tg.group(1)) / 1e3));
        wallMs.add((end - start) / 1e6);
      }
      m.info.put("promptTokens", pp.group(2));
      m.info.put("genTokens", tg.group(2));
    }
    m.info.put("wallMsMedian", Stats.num(Stats.median(wallMs)));
    System.out.println();
    System.out.println(m.toLine());
    System.out.flush();
    llama.close();
  }

  /** The timings are logged by the server thread, possibly just after the result arrived. */
  private static String awaitTimings(Path stderr, long from) throws Exception {
    String s = "";
    for (int i = 0; i < 300; i++) {
      byte[] all = Files.readAllBytes(stderr);
      s = new String(all, (int) from, all.length - (int) from, StandardCharsets.ISO_8859_1);
      if (s.contains("total time")) {
        return s;
      }
      Thread.sleep(10);
    }
    return s;
  }
}
