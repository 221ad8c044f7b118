package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One part of a multi-part message: text, an image, or a part type this SDK does not model (its
 * fields kept in {@link #extra()}, sent verbatim). Immutable; create with the factories.
 */
public final class ContentPart {
  /** The {@code type} of a text part. */
  public static final String TEXT = "text";

  /** The {@code type} of an image part. */
  public static final String IMAGE_URL = "image_url";

  private final String type;
  private final @Nullable String text;
  private final @Nullable String imageUrl;
  private final @Nullable ImageDetail detail;
  private final Map<String, Object> extra;

  private ContentPart(
      String type,
      @Nullable String text,
      @Nullable String imageUrl,
      @Nullable ImageDetail detail,
      Map<String, ?> extra) {
    this.type = Checks.notBlank(type, "type");
    this.text = text;
    this.imageUrl = imageUrl;
    this.detail = detail;
    this.extra = Immutables.extra(extra, "extra");
  }

  /** Returns a text part. */
  public static ContentPart text(String text) {
    return new ContentPart(TEXT, Checks.notNull(text, "text"), null, null, Map.of());
  }

  /**
   * Returns an image part. {@code url} is an {@code https:} URL or a {@code data:image/...;base64,}
   * URL.
   */
  public static ContentPart imageUrl(String url) {
    return new ContentPart(IMAGE_URL, null, Checks.notBlank(url, "url"), null, Map.of());
  }

  /** Returns an image part with a detail level. */
  public static ContentPart imageUrl(String url, ImageDetail detail) {
    return new ContentPart(
        IMAGE_URL, null, Checks.notBlank(url, "url"), Checks.notNull(detail, "detail"), Map.of());
  }

  /**
   * Returns a part of another type (e.g. {@code input_audio} or {@code file}); {@code fields} are
   * the part's JSON fields besides {@code type} and are sent verbatim.
   */
  public static ContentPart of(String type, Map<String, ?> fields) {
    return new ContentPart(type, null, null, null, fields);
  }

  /** The part's {@code type}: {@link #TEXT}, {@link #IMAGE_URL} or another value. */
  public String type() {
    return type;
  }

  /** The text of a text part. */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /** The image URL of an image part. */
  public Optional<String> imageUrl() {
    return Optional.ofNullable(imageUrl);
  }

  /** The detail level of an image part, when set. */
  public Optional<ImageDetail> detail() {
    return Optional.ofNullable(detail);
  }

  /** The fields of a part type this SDK does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(type, text, imageUrl, detail, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ContentPart && state().equals(((ContentPart) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  /** Names the part type only; never prints text or URLs. */
  @Override
  public String toString() {
    return "ContentPart{type=" + type + "}";
  }
}
