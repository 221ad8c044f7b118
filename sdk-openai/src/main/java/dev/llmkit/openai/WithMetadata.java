package dev.llmkit.openai;

import java.util.Objects;

/**
 * A result together with the {@link ResponseMetadata} of the HTTP response that carried it. For a
 * stream, every chunk carries the metadata of the stream's one response.
 *
 * @param <T> the result type, e.g. {@code ChatResponse} or {@code ChatChunk}
 * @since 0.2
 */
public final class WithMetadata<T> {
  private final T value;
  private final ResponseMetadata metadata;

  private WithMetadata(T value, ResponseMetadata metadata) {
    this.value = Objects.requireNonNull(value, "value == null");
    this.metadata = Objects.requireNonNull(metadata, "metadata == null");
  }

  /** Pairs {@code value} with {@code metadata}. */
  public static <T> WithMetadata<T> of(T value, ResponseMetadata metadata) {
    return new WithMetadata<>(value, metadata);
  }

  /** The result, exactly as the plain call returns it. */
  public T value() {
    return value;
  }

  /** The response's status, request id, rate limits and headers. */
  public ResponseMetadata metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return "WithMetadata{" + value + ", " + metadata + "}";
  }
}
