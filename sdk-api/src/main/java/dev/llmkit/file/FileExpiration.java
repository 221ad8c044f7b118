package dev.llmkit.file;

import dev.llmkit.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When an uploaded file expires: {@link #seconds()} after the {@link #anchor()} timestamp.
 * Immutable.
 *
 * <p>OpenAI accepts only the anchor {@value #ANCHOR_CREATED_AT} and 3600 to 2592000 seconds (1 hour
 * to 30 days); other values are passed on and rejected by the provider.
 */
public final class FileExpiration {
  /** The anchor meaning "the file's creation time". */
  public static final String ANCHOR_CREATED_AT = "created_at";

  private final String anchor;
  private final long seconds;

  private FileExpiration(String anchor, long seconds) {
    this.anchor = Checks.notBlank(anchor, "anchor");
    Checks.check(seconds >= 1, "seconds is " + seconds + "; it must be at least 1");
    this.seconds = seconds;
  }

  /** Expires {@code seconds} after the anchor. */
  public static FileExpiration of(String anchor, long seconds) {
    return new FileExpiration(anchor, seconds);
  }

  /** Expires {@code afterCreation} (whole seconds) after the file was created. */
  public static FileExpiration afterCreation(Duration afterCreation) {
    Checks.notNull(afterCreation, "afterCreation");
    return new FileExpiration(ANCHOR_CREATED_AT, afterCreation.getSeconds());
  }

  public String anchor() {
    return anchor;
  }

  public long seconds() {
    return seconds;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FileExpiration e && anchor.equals(e.anchor) && seconds == e.seconds;
  }

  @Override
  public int hashCode() {
    return Objects.hash(anchor, seconds);
  }

  @Override
  public String toString() {
    return "FileExpiration{anchor=" + anchor + ", seconds=" + seconds + "}";
  }
}
