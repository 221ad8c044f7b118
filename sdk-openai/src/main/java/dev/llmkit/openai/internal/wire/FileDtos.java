package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** DTOs of {@code /files}. */
public final class FileDtos {
  private FileDtos() {}

  /** {@code OpenAIFile}. */
  public record FileDto(
      String id,
      @Nullable String object,
      long bytes,
      long createdAt,
      @Nullable Long expiresAt,
      @Nullable String filename,
      @Nullable String purpose,
      @Nullable String status,
      @Nullable String statusDetails,
      @JsonAnySetter Map<String, Object> extra) {
    public FileDto {
      extra = WireJson.extra(extra);
    }
  }

  /** {@code ListFilesResponse}. */
  public record ListDto(
      @Nullable String object,
      List<FileDto> data,
      @Nullable String firstId,
      @Nullable String lastId,
      boolean hasMore,
      @JsonAnySetter Map<String, Object> extra) {
    public ListDto {
      data = WireJson.list(data);
      extra = WireJson.extra(extra);
    }
  }

  /** {@code DeleteFileResponse}. */
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
