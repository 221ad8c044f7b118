package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The form of the model's answer ({@code response_format}): free {@link #TEXT}, any JSON object
 * ({@link #JSON_OBJECT}), or JSON matching a schema ({@link #jsonSchema}).
 */
public final class ResponseFormat {
  /** Free text, the default. */
  public static final ResponseFormat TEXT = new ResponseFormat("text", null, Map.of(), null, null);

  /** Some valid JSON object. Tell the model to answer in JSON in a message, too. */
  public static final ResponseFormat JSON_OBJECT =
      new ResponseFormat("json_object", null, Map.of(), null, null);

  private final String type;
  private final @Nullable String name;
  private final Map<String, Object> schema;
  private final @Nullable Boolean strict;
  private final @Nullable String description;

  private ResponseFormat(
      String type,
      @Nullable String name,
      Map<String, ?> schema,
      @Nullable Boolean strict,
      @Nullable String description) {
    this.type = type;
    this.name = name;
    this.schema = Immutables.extra(schema, "schema");
    this.strict = strict;
    this.description = description;
  }

  /**
   * Returns a JSON Schema format.
   *
   * @param name the schema's name: 1 to 64 letters, digits, underscores or dashes
   * @param schema the JSON Schema object
   * @param strict whether the output must follow the schema exactly; null = provider default
   * @param description what the answer is for, to guide the model; may be null
   */
  public static ResponseFormat jsonSchema(
      String name, Map<String, ?> schema, @Nullable Boolean strict, @Nullable String description) {
    Checks.notBlank(name, "name");
    Checks.check(
        name.matches("[A-Za-z0-9_-]{1,64}"),
        "name '" + name + "' is invalid; use 1 to 64 letters, digits, underscores or dashes");
    return new ResponseFormat(
        "json_schema", name, Checks.notNull(schema, "schema"), strict, description);
  }

  /** Returns a strict JSON Schema format without description. */
  public static ResponseFormat jsonSchema(String name, Map<String, ?> schema) {
    return jsonSchema(name, schema, true, null);
  }

  /** {@code "text"}, {@code "json_object"} or {@code "json_schema"}. */
  public String type() {
    return type;
  }

  /** The schema's name, for {@code json_schema}. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The JSON Schema, for {@code json_schema}; otherwise empty. */
  public Map<String, Object> schema() {
    return schema;
  }

  /** Whether the schema is enforced exactly, for {@code json_schema}; empty = provider default. */
  public Optional<Boolean> strict() {
    return Optional.ofNullable(strict);
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(type, name, schema, strict, description);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ResponseFormat && state().equals(((ResponseFormat) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return name == null ? type : type + "(" + name + ")";
  }
}
