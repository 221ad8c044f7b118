package dev.llmkit.openai.internal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.openai.internal.http.ChunkParser;
import dev.llmkit.openai.internal.http.ErrorMapper;
import dev.llmkit.openai.internal.wire.CompletionDto;
import dev.llmkit.openai.internal.wire.CompletionMapper;
import dev.llmkit.openai.internal.wire.WireJson;
import java.io.UncheckedIOException;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/** Parses legacy {@code text_completion} stream events. */
final class CompletionChunkParser implements ChunkParser<CompletionChunk> {
  /** Resolved once: the deserializer lookup is not repeated for every chunk. */
  private static final ObjectReader READER = WireJson.MAPPER.readerFor(CompletionDto.class);

  private final ErrorMapper errors;
  private final FinishTracker tracker = new FinishTracker();
  private @Nullable String requestId;

  CompletionChunkParser(ErrorMapper errors) {
    this.errors = errors;
  }

  @Override
  public CompletionChunk parse(String data) {
    CompletionDto dto;
    try {
      dto = READER.readValue(data);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    if (dto.error() != null) {
      throw errors.fromStreamError(dto.error(), data, requestId);
    }
    for (int i = 0; i < dto.choices().size(); i++) {
      CompletionDto.Choice c = dto.choices().get(i);
      tracker.saw(c.index() == null ? i : c.index(), c.finishReason() != null);
    }
    return CompletionMapper.chunk(dto);
  }

  @Override
  public void onOpen(Headers headers) {
    requestId = headers.get("x-request-id");
  }

  @Override
  public boolean isComplete() {
    return tracker.allFinished();
  }
}
