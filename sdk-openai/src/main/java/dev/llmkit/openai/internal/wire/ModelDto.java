package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A model ({@code Model}). */
public record ModelDto(
    String id,
    @Nullable String object,
    @Nullable Long created,
    @Nullable String ownedBy,
    @JsonAnySetter Map<String, Object> extra) {
  public ModelDto {
    extra = WireJson.extra(extra);
  }

  /** {@code ListModelsResponse}. */
  public record ListDto(
      @Nullable String object, List<ModelDto> data, @JsonAnySetter Map<String, Object> extra) {
    public ListDto {
      data = WireJson.list(data);
      extra = WireJson.extra(extra);
    }
  }

  /** {@code DeleteModelResponse}. */
  public record DeletedDto(
      String id,
      @Nullable String object,
      boolean deleted,
      @JsonAnySetter Map<String, Object> extra) {
    public DeletedDto {
      extra = WireJson.extra(extra);
    }
  }
}
