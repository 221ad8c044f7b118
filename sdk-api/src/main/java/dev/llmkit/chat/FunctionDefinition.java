package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A function the model may call: its name, what it does, and its parameters as a JSON Schema object
 * (nested {@code Map}s, {@code List}s, strings, numbers and booleans). Immutable.
 */
public final class FunctionDefinition {
  private final String name;
  private final @Nullable String description;
  private final Map<String, Object> parameters;
  private final @Nullable Boolean strict;

  private FunctionDefinition(Builder b) {
    this.name = Checks.notBlank(b.name, "name");
    Checks.check(
        name.matches("[A-Za-z0-9_-]{1,64}"),
        "name '" + name + "' is invalid; use 1 to 64 letters, digits, underscores or dashes");
    this.description = b.description;
    this.parameters = Immutables.extra(b.parameters, "parameters");
    this.strict = b.strict;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns a function with a name, a description and a parameter schema. */
  public static FunctionDefinition of(
      String name, @Nullable String description, Map<String, ?> parameters) {
    return builder().name(name).description(description).parameters(parameters).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public String name() {
    return name;
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** The JSON Schema of the arguments; empty for a function without parameters. */
  public Map<String, Object> parameters() {
    return parameters;
  }

  /** Whether the model must follow the schema exactly ({@code strict}); empty = the default. */
  public Optional<Boolean> strict() {
    return Optional.ofNullable(strict);
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(name, description, parameters, strict);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FunctionDefinition && state().equals(((FunctionDefinition) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "FunctionDefinition{name=" + name + (strict != null ? ", strict=" + strict : "") + "}";
  }

  /** Builds a {@link FunctionDefinition}. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable String description;
    private Map<String, ?> parameters = Map.of();
    private @Nullable Boolean strict;

    private Builder() {}

    private Builder(FunctionDefinition f) {
      name = f.name;
      description = f.description;
      parameters = f.parameters;
      strict = f.strict;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    public Builder parameters(Map<String, ?> parameters) {
      this.parameters = Checks.notNull(parameters, "parameters");
      return this;
    }

    public Builder strict(@Nullable Boolean strict) {
      this.strict = strict;
      return this;
    }

    public FunctionDefinition build() {
      return new FunctionDefinition(this);
    }
  }
}
