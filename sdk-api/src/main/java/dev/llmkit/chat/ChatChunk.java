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
 * One event of a streamed chat completion: for each choice, a {@link ChatDelta} to append. The last
 * chunk may carry only {@link #usage()} and no choices. {@link ChatChunks#aggregate} rebuilds the
 * full {@link ChatResponse}. Immutable.
 */
public final class ChatChunk {
  private final String id;
  private final long created;
  private final String model;
  private final List<ChunkChoice> choices;
  private final @Nullable Usage usage;
  private final @Nullable String systemFingerprint;
  private final @Nullable String serviceTier;
  private final Map<String, Object> extra;

  private ChatChunk(Builder b) {
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

  /** The completion id, the same in every chunk of a stream. */
  public String id() {
    return id;
  }

  /** When the completion was created, in Unix epoch seconds. */
  public long created() {
    return created;
  }

  /** The model that answers. */
  public String model() {
    return model;
  }

  /** The choices this chunk extends; empty in a usage-only chunk. */
  public List<ChunkChoice> choices() {
    return choices;
  }

  /** Token counts, in the final chunk when requested. */
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  /** The backend configuration that serves the request. */
  public Optional<String> systemFingerprint() {
    return Optional.ofNullable(systemFingerprint);
  }

  /** The service tier that processes the request. */
  public Optional<String> serviceTier() {
    return Optional.ofNullable(serviceTier);
  }

  /** Provider fields this type does not model, by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  /** The content fragment of choice 0, or "" when this chunk carries none. */
  public String text() {
    for (ChunkChoice choice : choices) {
      if (choice.index() == 0) {
        return choice.delta().content().orElse("");
      }
    }
    return "";
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(id, created, model, choices, usage, systemFingerprint, serviceTier, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChatChunk && state().equals(((ChatChunk) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "ChatChunk{"
        + "id="
        + id
        + ", choices="
        + choices.size()
        + (usage != null ? ", usage=" + usage : "")
        + "}";
  }

  /** Builds a {@link ChatChunk}. */
  public static final class Builder {
    private @Nullable String id;
    private long created;
    private @Nullable String model;
    private List<? extends ChunkChoice> choices = List.of();
    private @Nullable Usage usage;
    private @Nullable String systemFingerprint;
    private @Nullable String serviceTier;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(ChatChunk v) {
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

    public Builder choices(List<? extends ChunkChoice> choices) {
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

    public ChatChunk build() {
      return new ChatChunk(this);
    }
  }
}
