package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** DTOs of {@code POST /moderations}. */
public final class ModerationDtos {
  private ModerationDtos() {}

  /**
   * {@code CreateModerationRequest}: {@code input} is a string, an array of strings, or an array of
   * text and image_url parts.
   */
  public record RequestDto(
      Object input, @Nullable String model, @JsonAnyGetter Map<String, Object> extraBody) {}

  /** {@code CreateModerationResponse}. */
  public record ResponseDto(
      @Nullable String id,
      @Nullable String model,
      List<ResultDto> results,
      @JsonAnySetter Map<String, Object> extra) {
    public ResponseDto {
      results = WireJson.list(results);
      extra = WireJson.extra(extra);
    }
  }

  /**
   * One result. The category maps stay open ({@code Object} values) so unknown categories and JSON
   * nulls survive parsing.
   */
  public record ResultDto(
      boolean flagged,
      @Nullable Map<String, Object> categories,
      @Nullable Map<String, Object> categoryScores,
      @Nullable Map<String, Object> categoryAppliedInputTypes,
      @JsonAnySetter Map<String, Object> extra) {
    public ResultDto {
      extra = WireJson.extra(extra);
    }
  }
}
