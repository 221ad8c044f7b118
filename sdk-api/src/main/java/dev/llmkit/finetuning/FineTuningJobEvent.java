package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A log entry of a fine-tuning job (OpenAI's {@code fine_tuning.job.event}). Immutable. */
public final class FineTuningJobEvent {
  private final String id;
  private final Instant createdAt;
  private final EventLevel level;
  private final String message;
  private final @Nullable String type;
  private final Map<String, Object> data;
  private final String object;
  private final Map<String, Object> extra;

  private FineTuningJobEvent(Builder b) {
    this.id = Checks.notNull(b.id, "id");
    this.createdAt = Checks.notNull(b.createdAt, "createdAt");
    this.level = Checks.notNull(b.level, "level");
    this.message = Checks.notNull(b.message, "message");
    this.type = b.type;
    this.data = Immutables.extra(b.data, "data");
    this.object = Checks.notNull(b.object, "object");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public String id() {
    return id;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public EventLevel level() {
    return level;
  }

  public String message() {
    return message;
  }

  /** The event type, {@code "message"} or {@code "metrics"} at OpenAI. */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /** Data attached to the event, such as training metrics; JSON-like values. */
  public Map<String, Object> data() {
    return data;
  }

  /** The provider's object type, {@code "fine_tuning.job.event"} for OpenAI. */
  public String object() {
    return object;
  }

  /** Provider fields this SDK does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FineTuningJobEvent e
        && id.equals(e.id)
        && createdAt.equals(e.createdAt)
        && level.equals(e.level)
        && message.equals(e.message)
        && Objects.equals(type, e.type)
        && data.equals(e.data)
        && object.equals(e.object)
        && extra.equals(e.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, createdAt, level, message, type, data, object, extra);
  }

  @Override
  public String toString() {
    return "FineTuningJobEvent{id=" + id + ", level=" + level + ", message=" + message + "}";
  }

  public static final class Builder {
    private @Nullable String id;
    private @Nullable Instant createdAt;
    private @Nullable EventLevel level = EventLevel.INFO;
    private @Nullable String message;
    private @Nullable String type;
    private Map<String, Object> data = new LinkedHashMap<>();
    private String object = "fine_tuning.job.event";
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder(FineTuningJobEvent e) {
      this.id = e.id;
      this.createdAt = e.createdAt;
      this.level = e.level;
      this.message = e.message;
      this.type = e.type;
      this.data = new LinkedHashMap<>(e.data);
      this.object = e.object;
      this.extra = new LinkedHashMap<>(e.extra);
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder level(EventLevel level) {
      this.level = level;
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Builder type(@Nullable String type) {
      this.type = type;
      return this;
    }

    public Builder data(Map<String, ?> data) {
      this.data = new LinkedHashMap<>(Immutables.extra(data, "data"));
      return this;
    }

    public Builder object(String object) {
      this.object = object;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = new LinkedHashMap<>(Immutables.extra(extra, "extra"));
      return this;
    }

    public FineTuningJobEvent build() {
      return new FineTuningJobEvent(this);
    }
  }
}
