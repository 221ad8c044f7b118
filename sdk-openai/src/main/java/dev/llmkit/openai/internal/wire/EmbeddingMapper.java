package dev.llmkit.openai.internal.wire;

import dev.llmkit.LlmException;
import dev.llmkit.embedding.Embedding;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.embedding.EncodingFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Maps {@code /embeddings} requests and responses. Pure static functions. */
public final class EmbeddingMapper {
  private EmbeddingMapper() {}

  /** The request body; {@code encoding_format} defaults to base64, the compact wire form. */
  public static EmbeddingDtos.RequestDto toDto(EmbeddingRequest r) {
    Object input =
        switch (r.inputKind()) {
          case TEXT -> r.texts().get(0);
          case TEXTS -> r.texts();
          case TOKENS -> r.tokenArrays().get(0);
          case TOKEN_ARRAYS -> r.tokenArrays();
        };
    return new EmbeddingDtos.RequestDto(
        r.model(),
        input,
        Objects.requireNonNullElse(r.encodingFormat(), EncodingFormat.BASE64).value(),
        r.dimensions(),
        r.user(),
        r.extraBody());
  }

  public static EmbeddingResponse fromDto(String provider, EmbeddingDtos.ResponseDto dto) {
    List<Embedding> data = new ArrayList<>(dto.data().size());
    for (EmbeddingDtos.DataDto d : dto.data()) {
      if (d.embedding() == null) {
        throw new LlmException(provider, "embedding " + d.index() + " has no vector");
      }
      data.add(
          Embedding.builder()
              .index(d.index())
              .vector(d.embedding())
              .object(d.object() == null ? "embedding" : d.object())
              .extra(d.extra())
              .build());
    }
    return EmbeddingResponse.builder()
        .model(CapabilityJson.orEmpty(dto.model()))
        .object(dto.object() == null ? "list" : dto.object())
        .data(data)
        .usage(ResponseMapper.usage(dto.usage()))
        .extra(dto.extra())
        .build();
  }
}
