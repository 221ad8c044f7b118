package dev.llmkit.openai.internal.http;

import dev.llmkit.openai.ResponseMetadata;
import dev.llmkit.openai.WithMetadata;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/** Wraps a parser so each chunk carries the metadata of the stream's response. */
public final class MetadataChunkParser<T> implements ChunkParser<WithMetadata<T>> {
  private final ChunkParser<T> inner;
  private @Nullable ResponseMetadata metadata;

  public MetadataChunkParser(ChunkParser<T> inner) {
    this.inner = inner;
  }

  @Override
  public void onOpen(int status, Headers headers) {
    inner.onOpen(status, headers);
    metadata = ResponseMetadata.of(status, headers.toMultimap());
  }

  @Override
  public @Nullable WithMetadata<T> parse(String data) {
    T chunk = inner.parse(data);
    ResponseMetadata m = metadata;
    if (chunk == null) {
      return null;
    }
    return WithMetadata.of(chunk, m != null ? m : ResponseMetadata.of(200, java.util.Map.of()));
  }

  @Override
  public boolean isComplete() {
    return inner.isComplete();
  }
}
