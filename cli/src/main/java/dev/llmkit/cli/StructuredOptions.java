package dev.llmkit.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolChoice;
import dev.llmkit.chat.ToolDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code chat} options for structured output and tool calls, read from JSON files. */
final class StructuredOptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--json-schema",
      paramLabel = "FILE",
      description = {
        "Reply with JSON valid for this JSON Schema (response_format json_schema, strict). The file"
            + " holds the schema, or OpenAI's {\"name\", \"schema\", \"strict\"} object."
      })
  @Nullable Path jsonSchema;

  @Option(
      names = "--tool",
      paramLabel = "FILE",
      description = {
        "Offer a function the model may call (repeatable). The file holds a function definition"
            + " {\"name\", \"description\", \"parameters\", \"strict\"}, a tool"
            + " {\"type\": \"function\", \"function\": ...}, or an array of them."
      })
  List<Path> tools = new ArrayList<>();

  @Option(
      names = "--tool-choice",
      paramLabel = "X",
      description = {
        "none, auto (default with tools), required, or the name of one function to call."
      })
  @Nullable String toolChoice;

  /** Whether a one-shot reply is JSON (a schema or tools were given). */
  boolean active() {
    return jsonSchema != null || !tools.isEmpty();
  }

  ChatRequest.Builder apply(ChatRequest.Builder request) {
    if (jsonSchema != null) {
      Map<String, Object> file = object(read(jsonSchema), jsonSchema);
      Object inner = file.get("schema");
      boolean wrapped = inner instanceof Map && file.containsKey("name");
      @SuppressWarnings("unchecked")
      Map<String, Object> schema =
          wrapped ? (Map<String, Object>) Objects.requireNonNull(inner) : file;
      String name =
          wrapped
              ? String.valueOf(file.get("name"))
              : jsonSchema
                  .getFileName()
                  .toString()
                  .replaceAll("\\.json$", "")
                  .replaceAll("[^a-zA-Z0-9_-]", "_");
      Boolean strict =
          wrapped && file.get("strict") instanceof Boolean
              ? (Boolean) file.get("strict")
              : Boolean.TRUE;
      request.responseFormat(ResponseFormat.jsonSchema(name, schema, strict, null));
    }
    List<ToolDefinition> defs = new ArrayList<>();
    for (Path file : tools) {
      Object content = read(file);
      List<?> entries = content instanceof List ? (List<?>) content : List.of(content);
      for (Object entry : entries) {
        defs.add(tool(object(entry, file), file));
      }
    }
    if (!defs.isEmpty()) {
      request.tools(defs);
    }
    if (toolChoice != null) {
      request.toolChoice(
          List.of("none", "auto", "required").contains(toolChoice)
              ? ToolChoice.mode(toolChoice)
              : ToolChoice.function(toolChoice));
    }
    return request;
  }

  /** The reply as printed in one-shot mode: its tool calls as JSON, else its text. */
  static String printed(ChatResponse response) throws IOException {
    List<ToolCall> calls =
        response.choices().isEmpty() ? List.of() : response.choices().get(0).message().toolCalls();
    if (calls.isEmpty()) {
      return response.text();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (ToolCall call : calls) {
      Map<String, Object> function = new LinkedHashMap<>();
      function.put("name", call.name());
      function.put("arguments", call.arguments());
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", call.id());
      c.put("type", "function");
      c.put("function", function);
      out.add(c);
    }
    return JSON.writeValueAsString(out);
  }

  private ToolDefinition tool(Map<String, Object> entry, Path file) {
    Object function = "function".equals(entry.get("type")) ? entry.get("function") : entry;
    Map<String, Object> f = object(function, file);
    if (!(f.get("name") instanceof String)) {
      throw new ParameterException(spec.commandLine(), file + ": a function needs a \"name\"");
    }
    FunctionDefinition.Builder b = FunctionDefinition.builder().name((String) f.get("name"));
    if (f.get("description") instanceof String) {
      b.description((String) f.get("description"));
    }
    if (f.get("parameters") != null) {
      b.parameters(object(f.get("parameters"), file));
    }
    if (f.get("strict") instanceof Boolean) {
      b.strict((Boolean) f.get("strict"));
    }
    try {
      return ToolDefinition.function(b.build());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), file + ": " + e.getMessage());
    }
  }

  private Object read(Path file) {
    try {
      return JSON.readValue(Files.readString(file), new TypeReference<Object>() {});
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot read JSON from " + file + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(@Nullable Object value, Path file) {
    if (!(value instanceof Map)) {
      throw new ParameterException(spec.commandLine(), file + " must hold a JSON object");
    }
    return (Map<String, Object>) value;
  }
}
