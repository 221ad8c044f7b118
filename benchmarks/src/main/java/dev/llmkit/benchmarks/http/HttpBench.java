package dev.llmkit.benchmarks.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAI SDKs over HTTP, side by side in one run: llmkit's {@code sdk-openai},
 * langchain4j-open-ai and openai-java against one {@link MockOpenAiServer} on 127.0.0.1 (in this
 * JVM). Every SDK runs in a child JVM of its own ({@link HttpSdkRun}), one after the other, in
 * {@code --rounds} rounds that alternate the SDKs so that machine load spreads over all of them;
 * the table gives the median over rounds (min–max) and llmkit's ratio to each peer.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.llmkit.benchmarks.http.HttpBench \
 *     [--sdks llmkit,langchain4j,openai-java] [--rounds 3] [--tokens 256] [--warmup 5] \
 *     [--seconds 10] [--jvm-args "-Xmx1g"] [--out FILE.md]
 * </pre>
 */
public final class HttpBench {
  private static final String[] METRICS = {
    "chunks_per_s", "ttfc_us", "alloc_per_chunk", "calls_per_s", "alloc_per_call", "connections"
  };

  private HttpBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = HttpSdkRun.options(argv);
    List<String> sdks =
        Arrays.asList(a.getOrDefault("sdks", "llmkit,langchain4j,openai-java").split(","));
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
    WireFixtures fixtures = new WireFixtures(Integer.parseInt(a.getOrDefault("tokens", "256")));
    String warmup = a.getOrDefault("warmup", "5");
    String seconds = a.getOrDefault("seconds", "10");
    List<String> jvmArgs = Arrays.asList(a.getOrDefault("jvm-args", "-Xmx1g").trim().split("\\s+"));
    Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    String loadBefore = loadAverage();
    try (MockOpenAiServer server = new MockOpenAiServer(0, fixtures)) {
      String baseUrl = "http://127.0.0.1:" + server.port() + "/v1";
      for (int r = 0; r < rounds; r++) {
        for (String sdk : sdks) {
          int connections = server.connections();
          Map<String, Double> m = runChild(sdk, baseUrl, fixtures, warmup, seconds, jvmArgs);
          m.put("connections", (double) (server.connections() - connections));
          System.err.println("round " + (r + 1) + " " + sdk + " " + m);
          Map<String, List<Double>> perSdk =
              results.computeIfAbsent(sdk, k -> new LinkedHashMap<>());
          m.forEach((k, v) -> perSdk.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
      }
    }
    String table =
        table(results, fixtures, rounds, warmup, seconds, jvmArgs, loadBefore, loadAverage());
    System.out.println(table);
    String out = a.get("out");
    if (out != null) {
      Files.writeString(
          Path.of(out),
          table + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  private static Map<String, Double> runChild(
      String sdk,
      String baseUrl,
      WireFixtures fixtures,
      String warmup,
      String seconds,
      List<String> jvmArgs)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            HttpSdkRun.class.getName(),
            "--sdk",
            sdk,
            "--base-url",
            baseUrl,
            "--chunks-per-stream",
            Integer.toString(fixtures.chunksPerStream()),
            "--warmup",
            warmup,
            "--seconds",
            seconds));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String result = null;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("RESULT ")) {
          result = line;
        }
      }
    }
    int exit = p.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException(sdk + " run failed (exit " + exit + "); see stderr above");
    }
    Map<String, Double> m = new LinkedHashMap<>();
    for (String kv : result.substring(7).split(" ")) {
      String[] p2 = kv.split("=", 2);
      if (!p2[0].equals("sdk")) {
        m.put(p2[0], Double.parseDouble(p2[1]));
      }
    }
    return m;
  }

  static String table(
      Map<String, Map<String, List<Double>>> results,
      WireFixtures fixtures,
      int rounds,
      String warmup,
      String seconds,
      List<String> jvmArgs,
      String loadBefore,
      String loadAfter) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%n%d content tokens per stream (%d chunks), %d rounds,"
                + " %ss warm-up + %ss measured per metric, child JVM %s; load average before: %s,"
                + " after: %s%n%n",
            fixtures.tokens(),
            fixtures.chunksPerStream(),
            rounds,
            warmup,
            seconds,
            String.join(" ", jvmArgs),
            loadBefore,
            loadAfter));
    sb.append(
        "| SDK | stream chunks/s | time to first chunk (µs) | bytes allocated / chunk"
            + " | blocking calls/s | bytes allocated / call | TCP connections |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, Map<String, List<Double>>> e : results.entrySet()) {
      sb.append("| ").append(e.getKey());
      for (String metric : METRICS) {
        sb.append(" | ").append(summary(e.getValue().getOrDefault(metric, List.of())));
      }
      sb.append(" |\n");
    }
    Map<String, List<Double>> base = results.get("llmkit");
    if (base != null) {
      sb.append(
          "\nllmkit's ratio to each peer (medians; > 1 is better for chunks/s and calls/s,"
              + " < 1 is better for time and bytes):\n\n");
      sb.append(
          "| peer | chunks/s | time to first chunk | bytes / chunk | calls/s | bytes / call |\n");
      sb.append("|---|---|---|---|---|---|\n");
      for (Map.Entry<String, Map<String, List<Double>>> e : results.entrySet()) {
        if (e.getKey().equals("llmkit")) {
          continue;
        }
        sb.append("| ").append(e.getKey());
        for (int i = 0; i < 5; i++) {
          double ratio = median(base.get(METRICS[i])) / median(e.getValue().get(METRICS[i]));
          sb.append(String.format(Locale.ROOT, " | %.2f×", ratio));
        }
        sb.append(" |\n");
      }
    }
    return sb.toString();
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String summary(List<Double> values) {
    if (values.isEmpty()) {
      return "–";
    }
    return num(median(values))
        + " ("
        + num(Collections.min(values))
        + "–"
        + num(Collections.max(values))
        + ")";
  }

  private static String num(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0]
          + " "
          + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[1];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
