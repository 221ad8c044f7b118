package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * DTOs of {@code /fine_tuning/jobs}. The nested objects whose shape varies with a {@code type}
 * ({@code method}, {@code integrations}) or whose values are a number or {@code "auto"} ({@code
 * hyperparameters}) stay JSON maps here; {@link FineTuningMapper} interprets them.
 */
public final class FineTuningDtos {
  private FineTuningDtos() {}

  /** {@code FineTuningJob}. */
  public record JobDto(
      String id,
      @Nullable String object,
      long createdAt,
      @Nullable Map<String, Object> error,
      @Nullable String fineTunedModel,
      @Nullable Long finishedAt,
      @Nullable Map<String, Object> hyperparameters,
      @Nullable String model,
      @Nullable String organizationId,
      @Nullable List<String> resultFiles,
      @Nullable String status,
      @Nullable Long trainedTokens,
      @Nullable String trainingFile,
      @Nullable String validationFile,
      @Nullable List<Map<String, Object>> integrations,
      @Nullable Long seed,
      @Nullable Long estimatedFinish,
      @Nullable Map<String, Object> method,
      @Nullable Map<String, String> metadata,
      @JsonAnySetter Map<String, Object> extra) {
    public JobDto {
      extra = WireJson.extra(extra);
    }
  }

  /** {@code ListPaginatedFineTuningJobsResponse}. */
  public record JobListDto(
      @Nullable String object,
      List<JobDto> data,
      boolean hasMore,
      @JsonAnySetter Map<String, Object> extra) {
    public JobListDto {
      data = WireJson.list(data);
      extra = WireJson.extra(extra);
    }
  }

  /** {@code FineTuningJobEvent}. */
  public record EventDto(
      String id,
      @Nullable String object,
      long createdAt,
      @Nullable String level,
      @Nullable String message,
      @Nullable String type,
      @Nullable Map<String, Object> data,
      @JsonAnySetter Map<String, Object> extra) {
    public EventDto {
      extra = WireJson.extra(extra);
    }
  }

  /** {@code ListFineTuningJobEventsResponse}. */
  public record EventListDto(
      @Nullable String object,
      List<EventDto> data,
      boolean hasMore,
      @JsonAnySetter Map<String, Object> extra) {
    public EventListDto {
      data = WireJson.list(data);
      extra = WireJson.extra(extra);
    }
  }

  /** {@code FineTuningJobCheckpoint}. */
  public record CheckpointDto(
      String id,
      @Nullable String object,
      long createdAt,
      @Nullable String fineTunedModelCheckpoint,
      long stepNumber,
      @Nullable Map<String, Object> metrics,
      @Nullable String fineTuningJobId,
      @JsonAnySetter Map<String, Object> extra) {
    public CheckpointDto {
      extra = WireJson.extra(extra);
    }
  }

  /** {@code ListFineTuningJobCheckpointsResponse}. */
  public record CheckpointListDto(
      @Nullable String object,
      List<CheckpointDto> data,
      @Nullable String firstId,
      @Nullable String lastId,
      boolean hasMore,
      @JsonAnySetter Map<String, Object> extra) {
    public CheckpointListDto {
      data = WireJson.list(data);
      extra = WireJson.extra(extra);
    }
  }
}
