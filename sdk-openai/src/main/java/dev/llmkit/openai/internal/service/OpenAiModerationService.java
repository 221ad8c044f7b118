package dev.llmkit.openai.internal.service;

import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationResponse;
import dev.llmkit.moderation.ModerationService;
import dev.llmkit.openai.internal.http.OpenAiCapabilitiesApi;
import dev.llmkit.openai.internal.http.OpenAiTransport;
import dev.llmkit.openai.internal.wire.ModerationDtos;
import dev.llmkit.openai.internal.wire.ModerationMapper;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/** Moderation over {@code POST /moderations}; {@link #moderateAsync} is natively async. */
public final class OpenAiModerationService implements ModerationService {
  private final OpenAiTransport transport;
  private final OpenAiCapabilitiesApi api;

  public OpenAiModerationService(OpenAiTransport transport, OpenAiCapabilitiesApi api) {
    this.transport = transport;
    this.api = api;
  }

  @Override
  public ModerationResponse moderate(ModerationRequest request) {
    Objects.requireNonNull(request, "request == null");
    ModerationDtos.RequestDto body = ModerationMapper.toDto(request);
    return transport.map(transport.execute(api.moderate(body)), ModerationMapper::fromDto);
  }

  @Override
  public Single<ModerationResponse> moderateAsync(ModerationRequest request) {
    Objects.requireNonNull(request, "request == null");
    return Single.defer(
            () -> {
              ModerationDtos.RequestDto body = ModerationMapper.toDto(request);
              return transport.async(() -> api.moderate(body));
            })
        .map(dto -> transport.map(dto, ModerationMapper::fromDto));
  }
}
