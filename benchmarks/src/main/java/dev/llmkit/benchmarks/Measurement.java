package dev.llmkit.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one engine measured in one child JVM: load time, and per measured repetition the prompt and
 * generation speeds. Travels from the child to the parent as one marker line on stdout, because
 * llama.cpp writes its own text to stdout too.
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

  static Measurement parse(String line) {
    Measurement m = new Measurement();
    for (String part : line.substring(MARKER.length()).split(";")) {
      int eq = part.indexOf('=');
      String key = part.substring(0, eq);
      String value = part.substring(eq + 1);
      switch (key) {
        case "loadMs":
          m.loadMs = Double.parseDouble(value);
          break;
        case "pp":
          split(value, m.promptTokensPerSecond);
          break;
        case "tg":
          split(value, m.genTokensPerSecond);
          break;
        default:
          m.info.put(key, value);
      }
    }
    return m;
  }

  private static String join(List<Double> values) {
    List<String> s = new ArrayList<>();
    for (double v : values) {
      s.add(fmt(v));
    }
    return String.join(",", s);
  }

  private static void split(String value, List<Double> into) {
    if (value.isEmpty()) {
      return;
    }
    for (String v : value.split(",")) {
      into.add(Double.parseDouble(v));
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
