package dev.llmkit.local.bench;

import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.DownloadListener;
import dev.llmkit.local.LocalClient;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Load time on a cold JVM, each measurement a fresh child JVM, several class paths ({@code --cp},
 * e.g. the jar of an earlier commit and this one) in alternation:
 *
 * <ul>
 *   <li>{@code --model FILE}: {@code LocalClient.builder()…build()} ("build"), then a one-token
 *       completion of the prompt "Once" ("first", from the start of build), and the child process's
 *       wall time from its start to its exit after that token ("process"); with {@code
 *       --llama-bench PATH}, llama.cpp's load plus one token ({@code llama-bench -p 0 -n 1 -r 1
 *       --no-warmup}, its whole process) in the same round, and the ratio of the two processes.
 *   <li>{@code --vocab FILE}: opening the GGUF file and building its tokenizer ("vocab"), as a load
 *       does (e.g. the vocabulary-only files of {@code ../shared/models/vocab}).
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.llmkit.local.bench.LoadBench \
 *     --model /tmp/llmkit-bench-models/tinyllama-1.1b-Q8_0.gguf [--model …] [--vocab FILE …] \
 *     [--cp before.jar --cp after.jar] [--runs 5] [--threads 2] [--chat-template chatml] \
 *     [--llama-bench /tmp/llcpp/home/build/bin/llama-bench] [--jvm-args "…"]
 * </pre>
 *
 * <p>{@code --chat-template} sets a template for files without one (the random-weight benchmark
 * files), so that no template warning is logged: a real model's load logs nothing.
 */
public final class LoadBench {
  private static final String MARK = "LOAD ";

  private LoadBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    if (args.has("child")) {
      child(args);
      System.exit(0);
    }
    if (args.all("model").isEmpty() && args.all("vocab").isEmpty()) {
      System.out.println(
          "usage: LoadBench --model FILE.gguf [--model …] [--vocab FILE.gguf …] [--cp JAR --cp"
              + " JAR] [--runs 5] [--threads 2] [--chat-template NAME] [--llama-bench PATH]"
              + " [--jvm-args \"…\"]");
      System.exit(2);
    }
    List<String> cps = args.all("cp");
    if (cps.isEmpty()) {
      cps = List.of(System.getProperty("java.class.path"));
    }
    String bench = args.get("llama-bench", "");
    Map<String, List<Long>> results = new LinkedHashMap<>();
    int runs = args.intValue("runs", 5);
    for (int run = 0; run < runs; run++) {
      for (String model : args.all("model")) {
        for (String cp : cps) {
          Map<String, Long> v = child(args, cp, "model", model);
          String key = Path.of(model).getFileName() + " | " + ColdStartBench.label(cp);
          for (String what : List.of("build", "first", "process")) {
            results.computeIfAbsent(key + " | " + what, k -> new ArrayList<>()).add(v.get(what));
          }
          System.out.println("[load] " + key + " " + v);
        }
        if (!bench.isEmpty()) {
          long ms = MemoryBench.loadPlusOneToken(bench, Path.of(model), args.get("threads", "2"));
          results
              .computeIfAbsent(
                  Path.of(model).getFileName() + " | llama.cpp | process", k -> new ArrayList<>())
              .add(ms);
          System.out.println("[load] " + Path.of(model).getFileName() + " llama.cpp " + ms);
        }
      }
      for (String vocab : args.all("vocab")) {
        for (String cp : cps) {
          Map<String, Long> v = child(args, cp, "vocab", vocab);
          String key = Path.of(vocab).getFileName() + " | " + ColdStartBench.label(cp) + " | vocab";
          results.computeIfAbsent(key, k -> new ArrayList<>()).add(v.get("vocab"));
          System.out.println("[load] " + key + " " + v);
        }
      }
    }
    System.out.println();
    System.out.println("| file | class path | measure | median ms (lowest–highest) | runs |");
    System.out.println("|---|---|---|---:|---:|");
    for (Map.Entry<String, List<Long>> e : results.entrySet()) {
      List<Double> ms = new ArrayList<>();
      for (Long v : e.getValue()) {
        if (v != null && v >= 0) {
          ms.add(v.doubleValue());
        }
      }
      if (ms.isEmpty()) {
        continue;
      }
      System.out.printf(
          "| %s | %.0f (%.0f–%.0f) | %d |%n",
          e.getKey(),
          Stats.median(ms),
          ms.stream().mapToDouble(Double::doubleValue).min().orElse(0),
          ms.stream().mapToDouble(Double::doubleValue).max().orElse(0),
          ms.size());
    }
  }

  private static Map<String, Long> child(Args args, String cp, String mode, String file)
      throws IOException, InterruptedException {
    List<String> cmd = ChildJvm.command(args, "");
    cmd.addAll(List.of("-cp", cp, LoadBench.class.getName(), "--child", "--" + mode, file));
    for (String key : List.of("threads", "chat-template")) {
      if (args.has(key)) {
        cmd.add("--" + key);
        cmd.add(args.get(key, ""));
      }
    }
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.MINUTES);
    long process = (System.nanoTime() - start) / 1_000_000;
    Map<String, Long> values = new HashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith(MARK)) {
        for (String kv : line.substring(MARK.length()).trim().split(" ")) {
          String[] pair = kv.split("=", 2);
          values.put(pair[0], Long.parseLong(pair[1]));
        }
      }
    }
    if (values.isEmpty()) {
      System.err.println("[load] child failed: " + out);
    } else {
      values.put("process", process);
    }
    return values;
  }

  private static void child(Args args) throws Exception {
    if (args.has("vocab")) {
      long t0 = System.nanoTime();
      try (GgufFile file = GgufFile.open(Path.of(args.require("vocab")))) {
        Tokenizer tokenizer = Tokenizer.fromMetadata(file.metadata());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (tokenizer.vocabulary().size() == 0) {
          throw new IllegalStateException("empty vocabulary");
        }
        System.out.println(MARK + "vocab=" + ms);
      }
      return;
    }
    long t0 = System.nanoTime();
    LocalClient.Builder builder =
        LocalClient.builder()
            .model(Path.of(args.require("model")))
            .threads(args.intValue("threads", 2))
            .contextSize(256)
            .offline(true)
            .downloadListener(DownloadListener.none());
    if (args.has("chat-template")) {
      builder.chatTemplate(args.get("chat-template", ""));
    }
    try (LocalClient client = builder.build()) {
      long build = (System.nanoTime() - t0) / 1_000_000;
      oneToken(client);
      long first = (System.nanoTime() - t0) / 1_000_000;
      System.out.println(MARK + "build=" + build + " first=" + first);
    }
  }

  /** A greedy one-token completion of the prompt "Once": a load's first token. */
  static void oneToken(LocalClient client) {
    client
        .completions()
        .complete(
            CompletionRequest.builder()
                .model("local")
                .prompt("Once")
                .temperature(0.0)
                .maxTokens(1)
                .build());
  }
}
