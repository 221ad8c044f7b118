package dev.llmkit.common;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The prompt-side token breakdown ({@code prompt_tokens_details}). Counts absent on the wire are 0.
 */
public final class PromptTokensDetails {
  private final int cachedTokens;
  private final int audioTokens;
  private final int cacheWriteTokens;
  private final @Nullable Integer textTokens;
  private final @Nullable Integer imageTokens;
  private final Map<String, Object> extra;

  private PromptTokensDetails(Builder b) {
    this.cachedTokens = b.cachedTokens;
    this.audioTokens = b.audioTokens;
    this.cacheWriteTokens = b.cacheWriteTokens;
    this.textTokens = b.textTokens;
    this.imageTokens = b.imageTokens;
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Prompt tokens served from the provider's prompt cache ({@code cached_tokens}). */
  public int cachedTokens() {
    return cachedTokens;
  }

  /** Audio input tokens ({@code audio_tokens}). */
  public int audioTokens() {
    return audioTokens;
  }

  /** Prompt tokens written to the cache ({@code cache_write_tokens}). */
  public int cacheWriteTokens() {
    return cacheWriteTokens;
  }

  /** Text input tokens ({@code text_tokens}), when sent. */
  public Optional<Integer> textTokens() {
    return Optional.ofNullable(textTokens);
  }

  /** Image input tokens ({@code image_tokens}), when sent. */
  public Optional<Integer> imageTokens() {
    return Optional.ofNullable(imageTokens);
  }

  /** Provider fields this type does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof PromptTokensDetails)) {
      return false;
    }
    PromptTokensDetails that = (PromptTokensDetails) o;
    return cachedTokens == that.cachedTokens
        && audioTokens == that.audioTokens
        && cacheWriteTokens == that.cacheWriteTokens
        && Objects.equals(textTokens, that.textTokens)
        && Objects.equals(imageTokens, that.imageTokens)
        && extra.equals(that.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        cachedTokens, audioTokens, cacheWriteTokens, textTokens, imageTokens, extra);
  }

  @Override
  public String toString() {
    return "PromptTokensDetails{cachedTokens="
        + cachedTokens
        + ", audioTokens="
        + audioTokens
        + ", cacheWriteTokens="
        + cacheWriteTokens
        + (textTokens != null ? ", textTokens=" + textTokens : "")
        + (imageTokens != null ? ", imageTokens=" + imageTokens : "")
        + "}";
  }

  /** Builds {@link PromptTokensDetails}. */
  public static final class Builder {
    private int cachedTokens;
    private int audioTokens;
    private int cacheWriteTokens;
    private @Nullable Integer textTokens;
    private @Nullable Integer imageTokens;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(PromptTokensDetails d) {
      cachedTokens = d.cachedTokens;
      audioTokens = d.audioTokens;
      cacheWriteTokens = d.cacheWriteTokens;
      textTokens = d.textTokens;
      imageTokens = d.imageTokens;
      extra = d.extra;
    }

    public Builder cachedTokens(int cachedTokens) {
      this.cachedTokens = cachedTokens;
      return this;
    }

    public Builder audioTokens(int audioTokens) {
      this.audioTokens = audioTokens;
      return this;
    }

    public Builder cacheWriteTokens(int cacheWriteTokens) {
      this.cacheWriteTokens = cacheWriteTokens;
      return this;
    }

    public Builder textTokens(@Nullable Integer textTokens) {
      this.textTokens = textTokens;
      return this;
    }

    public Builder imageTokens(@Nullable Integer imageTokens) {
      this.imageTokens = imageTokens;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public PromptTokensDetails build() {
      return new PromptTokensDetails(this);
    }
  }
}
