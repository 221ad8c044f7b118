package dev.llmkit.chat;

import dev.llmkit.common.Usage;
import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a {@link ChatRequest}: one {@link ChatChoice} per requested alternative, and token
 * usage. Immutable. {@link #text()} returns the first choice's text.
 */
public final class ChatResponse {
  private final String id;
  private final long created;
  private final String model;
  private final List<ChatChoice> choices;
  private final @Nullable Usage usage;
  private final @Nullable String systemFingerprint;
  private final @Nullable String serviceTier;
  private final Map<String, Object> extra;

  private ChatResponse(Builder b) {
    this.id = Checks.notNull(b.id, "id");
    this.created = b.created;
    this.model = Checks.notNull(b.model, "model");
    this.choices = Immutables.list(b.choices, "choices");
    this.usage = b.usage;
    this.systemFingerprint = b.systemFingerprint;
    this.serviceTier = b.serviceTier;
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The provider's id of this completion. */
  public String id() {
    return id;
  }

  /** When the completion was created, in Unix epoch seconds. */
  public long created() {
    return created;
  }

  /** The model that answered, which may be a dated version of the requested one. */
  public String model() {
    return model;
  }

  /** The answers, by index. */
  public List<ChatChoice> choices() {
    return choices;
  }

  /** Token counts, when the provider reports them. */
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  /** The backend configuration that served the request. */
  public Optional<String> systemFingerprint() {
    return Optional.ofNullable(systemFingerprint);
  }

  /** The service tier that processed the request ({@code service_tier}). */
  public Optional<String> serviceTier() {
    return Optional.ofNullable(serviceTier);
  }

  /** Provider fields this type does not model, by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  /** The text of the first choice's message, or "" when there is none. */
  public String text() {
    return choices.isEmpty() ? "" : choices.get(0).message().text();
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(id, created, model, choices, usage, systemFingerprint, serviceTier, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChatResponse && state().equals(((ChatResponse) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "ChatResponse{"
        + "id="
        + id
        + ", model="
        + model
        + ", choices="
        + choices.size()
        + (usage != null ? ", usage=" + usage : "")
        + "}";
  }

  /** Builds a {@link ChatResponse}. */
  public static final class Builder {
    private @Nullable String id;
    private long created;
    private @Nullable String model;
    private List<? extends ChatChoice> choices = List.of();
    private @Nullable Usage usage;
    private @Nullable String systemFingerprint;
    private @Nullable String serviceTier;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(ChatResponse v) {
      id = v.id;
      created = v.created;
      model = v.model;
      choices = v.choices;
      usage = v.usage;
      systemFingerprint = v.systemFingerprint;
      serviceTier = v.serviceTier;
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

    public Builder choices(List<? extends ChatChoice> choices) {
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

    public Builder serviceTier(@Nullable String serviceTier) {
      this.serviceTier = serviceTier;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public ChatResponse build() {
      return new ChatResponse(this);
    }
  }
}
