package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** DTOs of {@code POST /embeddings}. */
public final class EmbeddingDtos {
  private EmbeddingDtos() {}

  /**
   * {@code CreateEmbeddingRequest}. {@code input} is a string, an array of strings, an {@code
   * int[]} or a list of {@code int[]}; {@code extraBody} is merged into the object verbatim.
   */
  public record RequestDto(
      String model,
      Object input,
      @Nullable String encodingFormat,
      @Nullable Integer dimensions,
      @Nullable String user,
      @JsonAnyGetter Map<String, Object> extraBody) {}

  /** {@code CreateEmbeddingResponse}. */
  public record ResponseDto(
      @Nullable String object,
      List<DataDto> data,
      @Nullable String model,
      @Nullable UsageDto usage,
      @JsonAnySetter Map<String, Object> extra) {
    public ResponseDto {
      data = WireJson.list(data);
      extra = WireJson.extra(extra);
    }
  }

  /**
   * {@code Embedding}. The vector arrives as a base64 string of little-endian float32 values or as
   * a JSON array; {@link EmbeddingVectorDeserializer} reads both into a {@code float[]}.
   */
  public record DataDto(
      int index,
      @Nullable String object,
      @JsonDeserialize(using = EmbeddingVectorDeserializer.class) float @Nullable [] embedding,
      @JsonAnySetter Map<String, Object> extra) {
    public DataDto {
      extra = WireJson.extra(extra);
    }
  }
}
