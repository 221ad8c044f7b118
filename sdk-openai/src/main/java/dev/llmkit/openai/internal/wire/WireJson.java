package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The module's single {@link ObjectMapper}: snake_case names, unknown properties ignored (DTOs that
 * care capture them with {@code @JsonAnySetter}), nulls left out of requests.
 */
public final class WireJson {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
          .build();

  private WireJson() {}

  /** An unmodifiable copy that keeps JSON nulls (which {@link Map#copyOf} rejects). */
  static Map<String, Object> extra(@Nullable Map<String, Object> values) {
    return values == null || values.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * {@code extra} plus the response's {@code object} field, for API types without an {@code
   * object()} accessor: the value is readable as {@code extra().get("object")}.
   */
  static Map<String, Object> withObject(Map<String, Object> extra, @Nullable String object) {
    if (object == null) {
      return extra;
    }
    if (extra.isEmpty()) {
      return Map.of("object", object);
    }
    Map<String, Object> out = new LinkedHashMap<>(extra);
    out.put("object", object);
    return Collections.unmodifiableMap(out);
  }

  static <T> List<T> list(@Nullable List<T> values) {
    return values == null ? List.of() : Collections.unmodifiableList(values);
  }
}
