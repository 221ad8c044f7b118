package dev.llmkit.openai.internal.service;

import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationResponse;
import dev.llmkit.moderation.ModerationService;
import dev.llmkit.openai.internal.http.OpenAiCapabilitiesApi;
import dev.llmkit.openai.internal.http.OpenAiTransport;
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
    return ModerationMapper.fromDto(transport.execute(api.moderate(ModerationMapper.toDto(request))));
  }

  @Override
  public Single<ModerationResponse> moderateAsync(ModerationRequest request) {
    Objects.requireNonNull(request, "request == null");
    return Single.defer(() -> transport.async(api.moderateAsync(ModerationMapper.toDto(request))))
        .map(ModerationMapper::fromDto);
  }
}
