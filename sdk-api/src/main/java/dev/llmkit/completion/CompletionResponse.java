package dev.llmkit.completion;

import dev.llmkit.common.Usage;
import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a {@link CompletionRequest}: the generated texts and token usage. Immutable. {@link
 * #text()} returns the first text.
 */
public final class CompletionResponse {
  private final String id;
  private final long created;
  private final String model;
  private final List<CompletionChoice> choices;
  private final @Nullable Usage usage;
  private final @Nullable String systemFingerprint;
  private final Map<String, Object> extra;

  private CompletionResponse(Builder b) {
    this.id = Checks.notNull(b.id, "id");
    this.created = b.created;
    this.model = Checks.notNull(b.model, "model");
    this.choices = Immutables.list(b.choices, "choices");
    this.usage = b.usage;
    this.systemFingerprint = b.systemFingerprint;
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The provider's id of the completion. */
  public String id() {
    return id;
  }

  /** When it was created, in Unix epoch seconds. */
  public long created() {
    return created;
  }

  /** The model that answered. */
  public String model() {
    return model;
  }

  /** The choices, by index. */
  public List<CompletionChoice> choices() {
    return choices;
  }

  /** Token counts, when reported. */
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  /** The backend configuration that served the request. */
  public Optional<String> systemFingerprint() {
    return Optional.ofNullable(systemFingerprint);
  }

  /** Provider fields this type does not model, by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  /** The text of choice 0, or "" when there is none. */
  public String text() {
    for (CompletionChoice choice : choices) {
      if (choice.index() == 0) {
        return choice.text();
      }
    }
    return "";
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(id, created, model, choices, usage, systemFingerprint, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CompletionResponse && state().equals(((CompletionResponse) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "CompletionResponse{"
        + "id="
        + id
        + ", model="
        + model
        + ", choices="
        + choices.size()
        + (usage != null ? ", usage=" + usage : "")
        + "}";
  }

  /** Builds a {@link CompletionResponse}. */
  public static final class Builder {
    private @Nullable String id;
    private long created;
    private @Nullable String model;
    private List<? extends CompletionChoice> choices = List.of();
    private @Nullable Usage usage;
    private @Nullable String systemFingerprint;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(CompletionResponse v) {
      id = v.id;
      created = v.created;
      model = v.model;
      choices = v.choices;
      usage = v.usage;
      systemFingerprint = v.systemFingerprint;
      extra = v.extra;
    }

    public Builder id(String id) {
      this.id = Checks.notNull(id, "id");
      return this;
    }

    public Builder created(long created) {
      this.created = created;
      return this;
    }

    public Builder model(String model) {
      this.model = Checks.notNull(model, "model");
      return this;
    }

    public Builder choices(List<? extends CompletionChoice> choices) {
      this.choices = Checks.notNull(choices, "choices");
      return this;
    }

    public Builder usage(@Nullable Usage usage) {
      this.usage = usage;
      return this;
    }

    public Builder systemFingerprint(@Nullable String systemFingerprint) {
      this.systemFingerprint = systemFingerprint;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public CompletionResponse build() {
      return new CompletionResponse(this);
    }
  }
}
