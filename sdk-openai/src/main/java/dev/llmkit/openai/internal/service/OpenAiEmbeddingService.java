package dev.llmkit.openai.internal.service;

import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.openai.ResponseMetadata;
import dev.llmkit.openai.WithMetadata;
import dev.llmkit.openai.internal.http.OpenAiCapabilitiesApi;
import dev.llmkit.openai.internal.http.OpenAiTransport;
import dev.llmkit.openai.internal.wire.EmbeddingDtos;
import dev.llmkit.openai.internal.wire.EmbeddingMapper;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/**
 * Embeddings over {@code POST /embeddings}. Vectors travel as base64 unless the request asks for
 * floats, and are decoded straight into {@code float[]}. {@link #embedAsync} is natively async.
 */
public final class OpenAiEmbeddingService implements EmbeddingService {
  private final OpenAiTransport transport;
  private final OpenAiCapabilitiesApi api;

  public OpenAiEmbeddingService(OpenAiTransport transport, OpenAiCapabilitiesApi api) {
    this.transport = transport;
    this.api = api;
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request) {
    Objects.requireNonNull(request, "request == null");
    EmbeddingDtos.RequestDto body = EmbeddingMapper.toDto(request);
    return transport.map(transport.execute(api.embed(body)), this::fromDto);
  }

  @Override
  public Single<EmbeddingResponse> embedAsync(EmbeddingRequest request) {
    Objects.requireNonNull(request, "request == null");
    return Single.defer(
            () -> {
              EmbeddingDtos.RequestDto body = EmbeddingMapper.toDto(request);
              return transport.async(() -> api.embed(body));
            })
        .map(dto -> transport.map(dto, this::fromDto));
  }

  /** {@link #embed} with the response's metadata. */
  public WithMetadata<EmbeddingResponse> embedWithMetadata(EmbeddingRequest request) {
    Objects.requireNonNull(request, "request == null");
    OpenAiTransport.Raw<EmbeddingDtos.ResponseDto> raw =
        transport.executeRaw(api.embed(EmbeddingMapper.toDto(request)));
    return WithMetadata.of(
        transport.map(raw.body(), this::fromDto),
        ResponseMetadata.of(raw.status(), raw.headers().toMultimap()));
  }

  private EmbeddingResponse fromDto(EmbeddingDtos.ResponseDto dto) {
    return EmbeddingMapper.fromDto(transport.provider(), dto);
  }
}
