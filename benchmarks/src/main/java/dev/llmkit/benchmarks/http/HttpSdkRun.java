package dev.llmkit.benchmarks.http;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The child JVM of {@link HttpBench}: runs one SDK against the mock server and prints one {@code
 * RESULT} line. Streams, then blocking calls, each first for {@code --warmup} seconds unmeasured,
 * then for {@code --seconds}. Allocation ({@code alloc_per_*}) is measured on the whole heap by
 * {@link HeapAllocation}, so every thread counts; {@code thread_alloc_per_*} is the sum of {@code
 * ThreadMXBean.getThreadAllocatedBytes} over the threads alive at the end, as a cross-check (it
 * misses threads that ended during the measurement).
 *
 * <pre>
 * java -cp benchmarks.jar dev.llmkit.benchmarks.http.HttpSdkRun --sdk llmkit \
 *     --base-url http://127.0.0.1:PORT/v1 --chunks-per-stream 259 [--warmup 5] [--seconds 10]
 * </pre>
 */
public final class HttpSdkRun {
  private HttpSdkRun() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = options(argv);
    String sdk = require(a, "sdk");
    String baseUrl = require(a, "base-url");
    int chunksPerStream = Integer.parseInt(require(a, "chunks-per-stream"));
    double warmup = Double.parseDouble(a.getOrDefault("warmup", "5"));
    double seconds = Double.parseDouble(a.getOrDefault("seconds", "10"));
    HeapAllocation heap = new HeapAllocation();
    try (SdkRunner runner = SdkRunner.create(sdk, baseUrl)) {
      loop(warmup, () -> runner.stream());
      Map<Long, Long> alloc0 = allocated();
      long heap0 = heap.allocated();
      List<Long> ttfc = new ArrayList<>();
      long t0 = System.nanoTime();
      long end = t0 + (long) (seconds * 1e9);
      while (System.nanoTime() < end) {
        long first = runner.stream();
        if (first <= 0) {
          throw new IllegalStateException(sdk + " delivered no content token");
        }
        ttfc.add(first);
      }
      double streamSeconds = (System.nanoTime() - t0) / 1e9;
      long streamAlloc = allocatedSince(alloc0);
      long streamHeap = heap.allocated() - heap0;
      long chunks = (long) ttfc.size() * chunksPerStream;

      loop(warmup, () -> runner.chat());
      alloc0 = allocated();
      heap0 = heap.allocated();
      long calls = 0;
      t0 = System.nanoTime();
      end = t0 + (long) (seconds * 1e9);
      while (System.nanoTime() < end) {
        if (runner.chat().isEmpty()) {
          throw new IllegalStateException(sdk + " returned no text");
        }
        calls++;
      }
      double callSeconds = (System.nanoTime() - t0) / 1e9;
      long callAlloc = allocatedSince(alloc0);
      long callHeap = heap.allocated() - heap0;
      ttfc.sort(null);
      System.out.println(
          String.format(
              Locale.ROOT,
              "RESULT sdk=%s streams=%d chunks_per_s=%.1f ttfc_us=%.1f alloc_per_chunk=%.0f"
                  + " calls=%d calls_per_s=%.1f alloc_per_call=%.0f thread_alloc_per_chunk=%.0f"
                  + " thread_alloc_per_call=%.0f",
              sdk,
              ttfc.size(),
              chunks / streamSeconds,
              ttfc.get(ttfc.size() / 2) / 1e3,
              (double) streamHeap / chunks,
              calls,
              calls / callSeconds,
              (double) callHeap / calls,
              (double) streamAlloc / chunks,
              (double) callAlloc / calls));
    }
    System.exit(0); // some SDKs keep non-daemon pool threads alive
  }

  interface Step {
    void run() throws Exception;
  }

  private static void loop(double seconds, Step step) throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      step.run();
    }
  }

  /** Bytes allocated so far, by live thread id. */
  static Map<Long, Long> allocated() {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = mx.getAllThreadIds();
    long[] bytes = mx.getThreadAllocatedBytes(ids);
    Map<Long, Long> out = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) {
        out.put(ids[i], bytes[i]);
      }
    }
    return out;
  }

  /** Bytes allocated since {@code start} by the threads alive now. */
  static long allocatedSince(Map<Long, Long> start) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : allocated().entrySet()) {
      sum += e.getValue() - start.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }

  static Map<String, String> options(String[] argv) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
        throw new IllegalArgumentException("expected --key value pairs, got '" + argv[i] + "'");
      }
      out.put(argv[i].substring(2), argv[++i]);
    }
    return out;
  }

  private static String require(Map<String, String> a, String key) {
    String v = a.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing option --" + key);
    }
    return v;
  }
}
