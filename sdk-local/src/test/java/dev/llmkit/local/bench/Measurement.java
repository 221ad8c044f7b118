package dev.llmkit.local.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link LlmkitBench} measured in its JVM: load time, and per measured repetition the prompt
 * and generation speeds. Printed as one marker line on stdout, which the benchmarks module's {@code
 * BenchMain} (the parent process) parses: the line format is the contract between the two.
 */
final class Measurement {
  static final String MARKER = "@@LLMKIT-BENCH ";

  final Map<String, String> info = new LinkedHashMap<>();
  double loadMs;
  final List<Double> promptTokensPerSecond = new ArrayList<>();
  final List<Double> genTokensPerSecond = new ArrayList<>();

  String toLine() {
    StringBuilder sb = new StringBuilder(MARKER);
    sb.append("loadMs=").append(fmt(loadMs));
    sb.append(";pp=").append(join(promptTokensPerSecond));
    sb.append(";tg=").append(join(genTokensPerSecond));
    info.forEach((k, v) -> sb.append(';').append(k).append('=').append(v.replace(';', ',')));
    return sb.toString();
  }

  private static String join(List<Double> values) {
    List<String> s = new ArrayList<>();
    for (double v : values) {
      s.add(fmt(v));
    }
    return String.join(",", s);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
