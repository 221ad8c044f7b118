package dev.llmkit.openai.internal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChunkChoice;
import dev.llmkit.openai.internal.http.ChunkParser;
import dev.llmkit.openai.internal.http.ErrorMapper;
import dev.llmkit.openai.internal.wire.ChatCompletionDto;
import dev.llmkit.openai.internal.wire.ChunkFastPath;
import dev.llmkit.openai.internal.wire.ResponseMapper;
import dev.llmkit.openai.internal.wire.WireJson;
import java.io.UncheckedIOException;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code chat.completion.chunk} events; an {@code error} object fails the stream. Plain text
 * chunks, nearly all of a stream, go through {@link ChunkFastPath}; the rest (tool calls, usage,
 * logprobs, errors, unusual fields) through Jackson and the DTOs, with the same result.
 */
final class ChatChunkParser implements ChunkParser<ChatChunk> {
  /** Resolved once: the deserializer lookup is not repeated for every chunk. */
  private static final ObjectReader READER = WireJson.MAPPER.readerFor(ChatCompletionDto.class);

  private final ErrorMapper errors;
  private final FinishTracker tracker = new FinishTracker();
  private final ChunkFastPath fast = new ChunkFastPath();
  private @Nullable String requestId;

  ChatChunkParser(ErrorMapper errors) {
    this.errors = errors;
  }

  @Override
  public ChatChunk parse(String data) {
    ChatChunk chunk = fast.parse(data);
    if (chunk != null) {
      for (int i = 0; i < chunk.choices().size(); i++) { // no iterator per chunk
        ChunkChoice c = chunk.choices().get(i);
        tracker.saw(c.index(), c.finishReason().isPresent());
      }
      return chunk;
    }
    ChatCompletionDto dto;
    try {
      dto = READER.readValue(data);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    if (dto.error() != null) {
      throw errors.fromStreamError(dto.error(), data, requestId);
    }
    for (int i = 0; i < dto.choiceList().size(); i++) {
      ChatCompletionDto.Choice c = ResponseMapper.choice(dto, i);
      tracker.saw(c.index() == null ? i : c.index(), c.finishReason() != null);
    }
    return ResponseMapper.chunk(dto);
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
