package dev.llmkit.openai.internal.wire;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Small readers for JSON trees ({@code Map}/{@code List} values) shared by the capability mappers.
 */
final class CapabilityJson {
  private CapabilityJson() {}

  static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  static @Nullable Instant instant(@Nullable Long epochSeconds) {
    return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
  }

  static @Nullable String string(@Nullable Map<String, Object> map, String key) {
    Object v = map == null ? null : map.get(key);
    return v == null ? null : String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  static @Nullable Map<String, Object> object(@Nullable Map<String, Object> map, String key) {
    Object v = map == null ? null : map.get(key);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  static @Nullable List<?> array(@Nullable Map<String, Object> map, String key) {
    Object v = map == null ? null : map.get(key);
    return v instanceof List<?> l ? l : null;
  }

  /**
   * The next-page cursor: the response's {@code last_id}, else the id of the last item (as
   * auto-paging uses), else null for an empty page.
   */
  static <T> @Nullable String lastId(
      @Nullable String sent, List<T> items, java.util.function.Function<T, String> id) {
    if (sent != null && !sent.isEmpty()) {
      return sent;
    }
    return items.isEmpty() ? null : id.apply(items.get(items.size() - 1));
  }

  /** A mutable copy of {@code map} without {@code keys}. */
  static Map<String, Object> without(@Nullable Map<String, Object> map, String... keys) {
    Map<String, Object> out = map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
    for (String k : keys) {
      out.remove(k);
    }
    return out;
  }
}
