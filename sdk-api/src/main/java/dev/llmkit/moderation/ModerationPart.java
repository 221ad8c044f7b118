package dev.llmkit.moderation;

import dev.llmkit.internal.Checks;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One part of a multimodal moderation input: a piece of text or an image given by URL (an {@code
 * https:} URL or a {@code data:} URL with base64 image data). Immutable.
 */
public final class ModerationPart {
  /** The part type of {@link #text(String)}. */
  public static final String TYPE_TEXT = "text";

  /** The part type of {@link #imageUrl(String)}. */
  public static final String TYPE_IMAGE_URL = "image_url";

  private final String type;
  private final @Nullable String text;
  private final @Nullable String imageUrl;

  private ModerationPart(String type, @Nullable String text, @Nullable String imageUrl) {
    this.type = type;
    this.text = text;
    this.imageUrl = imageUrl;
  }

  /** Returns a text part. */
  public static ModerationPart text(String text) {
    Checks.notNull(text, "text");
    return new ModerationPart(TYPE_TEXT, text, null);
  }

  /** Returns an image part; {@code url} is an image URL or a {@code data:image/...;base64,} URL. */
  public static ModerationPart imageUrl(String url) {
    Checks.notBlank(url, "url");
    return new ModerationPart(TYPE_IMAGE_URL, null, url);
  }

  /** {@value #TYPE_TEXT} or {@value #TYPE_IMAGE_URL}. */
  public String type() {
    return type;
  }

  /** Whether this is a text part. */
  public boolean isText() {
    return text != null;
  }

  /** The text of a text part. */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /** The URL of an image part. */
  public Optional<String> imageUrl() {
    return Optional.ofNullable(imageUrl);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ModerationPart p
        && type.equals(p.type)
        && Objects.equals(text, p.text)
        && Objects.equals(imageUrl, p.imageUrl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, text, imageUrl);
  }

  /** Names the part type and size; never prints the text or the image data. */
  @Override
  public String toString() {
    return text != null
        ? "ModerationPart{text, " + text.length() + " chars}"
        : "ModerationPart{image_url, " + Objects.requireNonNull(imageUrl).length() + " chars}";
  }
}
