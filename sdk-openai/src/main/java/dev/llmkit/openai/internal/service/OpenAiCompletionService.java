package dev.llmkit.openai.internal.service;

import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.openai.ResponseMetadata;
import dev.llmkit.openai.WithMetadata;
import dev.llmkit.openai.internal.http.MetadataChunkParser;
import dev.llmkit.openai.internal.http.OpenAiTransport;
import dev.llmkit.openai.internal.wire.CompletionDto;
import dev.llmkit.openai.internal.wire.CompletionMapper;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/** Legacy text completions over {@code POST /completions}: blocking, async and streamed. */
public final class OpenAiCompletionService implements CompletionService {
  private final OpenAiTransport transport;

  public OpenAiCompletionService(OpenAiTransport transport) {
    this.transport = transport;
  }

  @Override
  public CompletionResponse complete(CompletionRequest request) {
    Objects.requireNonNull(request, "request == null");
    return transport.map(
        transport.execute(transport.api().complete(CompletionMapper.toDto(request))),
        CompletionMapper::response);
  }

  @Override
  public Single<CompletionResponse> completeAsync(CompletionRequest request) {
    Objects.requireNonNull(request, "request == null");
    return transport
        .async(() -> transport.api().complete(CompletionMapper.toDto(request)))
        .map(dto -> transport.map(dto, CompletionMapper::response));
  }

  /** {@link #complete} with the response's metadata. */
  public WithMetadata<CompletionResponse> completeWithMetadata(CompletionRequest request) {
    Objects.requireNonNull(request, "request == null");
    OpenAiTransport.Raw<CompletionDto> raw =
        transport.executeRaw(transport.api().complete(CompletionMapper.toDto(request)));
    return WithMetadata.of(
        transport.map(raw.body(), CompletionMapper::response),
        ResponseMetadata.of(raw.status(), raw.headers().toMultimap()));
  }

  /** {@link #stream} with the response's metadata on every chunk. */
  public Flowable<WithMetadata<CompletionChunk>> streamWithMetadata(CompletionRequest request) {
    Objects.requireNonNull(request, "request == null");
    return Flowable.defer(
        () ->
            transport.stream(
                "completions",
                CompletionMapper.toDto(request).streaming(CompletionMapper.includeUsage(request)),
                () -> new MetadataChunkParser<>(new CompletionChunkParser(transport.errors()))));
  }

  @Override
  public Flowable<CompletionChunk> stream(CompletionRequest request) {
    Objects.requireNonNull(request, "request == null");
    return Flowable.defer(
        () ->
            transport.stream(
                "completions",
                CompletionMapper.toDto(request).streaming(CompletionMapper.includeUsage(request)),
                () -> new CompletionChunkParser(transport.errors())));
  }
}
