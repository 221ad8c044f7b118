package dev.llmkit.local.internal.template;

import dev.llmkit.local.internal.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A function the model may call.
 *
 * @param name the function name
 * @param description what it does, or null
 * @param parametersJson its parameters as a JSON Schema object text, or null for none
 */
public record ToolSpec(String name, @Nullable String description, @Nullable String parametersJson) {
  public ToolSpec {
    Objects.requireNonNull(name, "name");
  }

  /**
   * The OpenAI-style definition templates receive as {@code tools}: {@code {"type": "function",
   * "function": {"name", "description", "parameters"}}}.
   */
  Map<String, Object> toDefinition() {
    Map<String, Object> function = new LinkedHashMap<>();
    function.put("name", name);
    if (description != null) {
      function.put("description", description);
    }
    if (parametersJson != null) {
      try {
        function.put("parameters", Json.parseObject(parametersJson));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "parameters of tool '" + name + "' are not a JSON object: " + e.getMessage(), e);
      }
    }
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("type", "function");
    tool.put("function", function);
    return tool;
  }
}
