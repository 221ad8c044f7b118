package dev.llmkit.local.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} command-line options; a key may repeat. */
final class Args {
  private final Map<String, List<String>> values = new HashMap<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + a + "'; options are --key value");
      }
      int eq = a.indexOf('=');
      String key;
      String value;
      if (eq > 0) {
        key = a.substring(2, eq);
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        key = a.substring(2);
        value = args[++i];
      } else {
        key = a.substring(2);
        value = "true";
      }
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  String get(String key, String fallback) {
    List<String> v = values.get(key);
    return v == null ? fallback : v.get(v.size() - 1);
  }

  String require(String key) {
    List<String> v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing option --" + key);
    }
    return v.get(v.size() - 1);
  }

  List<String> all(String key) {
    return values.getOrDefault(key, List.of());
  }

  int intValue(String key, int fallback) {
    return Integer.parseInt(get(key, Integer.toString(fallback)));
  }
}
