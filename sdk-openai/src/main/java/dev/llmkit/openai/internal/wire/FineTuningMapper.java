package dev.llmkit.openai.internal.wire;

import static dev.llmkit.openai.internal.wire.CapabilityJson.array;
import static dev.llmkit.openai.internal.wire.CapabilityJson.instant;
import static dev.llmkit.openai.internal.wire.CapabilityJson.object;
import static dev.llmkit.openai.internal.wire.CapabilityJson.orEmpty;
import static dev.llmkit.openai.internal.wire.CapabilityJson.string;
import static dev.llmkit.openai.internal.wire.CapabilityJson.without;

import dev.llmkit.chat.ReasoningEffort;
import dev.llmkit.common.Page;
import dev.llmkit.finetuning.EventLevel;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.FineTuningCheckpoint;
import dev.llmkit.finetuning.FineTuningIntegration;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.FineTuningJobError;
import dev.llmkit.finetuning.FineTuningJobEvent;
import dev.llmkit.finetuning.HyperparameterValue;
import dev.llmkit.finetuning.Hyperparameters;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.MethodType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps {@code /fine_tuning/jobs} responses to API types. Pure static functions. Requests are in
 * {@link FineTuningRequestMapper}.
 */
public final class FineTuningMapper {
  /** Hyperparameter names this SDK models, as sent on the wire. */
  static final List<String> HYPERPARAMETER_KEYS =
      List.of(
          "n_epochs",
          "batch_size",
          "learning_rate_multiplier",
          "beta",
          "compute_multiplier",
          "eval_interval",
          "eval_samples",
          "reasoning_effort");

  private FineTuningMapper() {}

  public static FineTuningJob job(FineTuningDtos.JobDto dto) {
    List<FineTuningIntegration> integrations = new ArrayList<>();
    if (dto.integrations() != null) {
      for (Map<String, Object> i : dto.integrations()) {
        if (i != null) {
          integrations.add(integration(i));
        }
      }
    }
    return FineTuningJob.builder()
        .id(dto.id())
        .object(dto.object() == null ? "fine_tuning.job" : dto.object())
        .createdAt(Instant.ofEpochSecond(dto.createdAt()))
        .error(error(dto.error()))
        .fineTunedModel(dto.fineTunedModel())
        .finishedAt(instant(dto.finishedAt()))
        .hyperparameters(
            dto.hyperparameters() == null ? null : hyperparameters(dto.hyperparameters()))
        .model(orEmpty(dto.model()))
        .organizationId(dto.organizationId())
        .resultFiles(dto.resultFiles() == null ? List.of() : dropNulls(dto.resultFiles()))
        .status(JobStatus.of(orEmpty(dto.status())))
        .trainedTokens(dto.trainedTokens())
        .trainingFile(orEmpty(dto.trainingFile()))
        .validationFile(dto.validationFile())
        .integrations(integrations)
        .seed(dto.seed())
        // Kept as sent: 0 (OpenAI's "no estimate yet") reads as the epoch, not as absent.
        .estimatedFinish(
            dto.estimatedFinish() == null ? null : Instant.ofEpochSecond(dto.estimatedFinish()))
        .method(dto.method() == null ? null : method(dto.method()))
        .metadata(dto.metadata() == null ? Map.of() : dropNullValues(dto.metadata()))
        .extra(dto.extra())
        .build();
  }

  /** An {@code error} object; an empty object or one without code and message means no error. */
  static @Nullable FineTuningJobError error(@Nullable Map<String, Object> error) {
    String code = string(error, "code");
    String message = string(error, "message");
    if (code == null && message == null) {
      return null;
    }
    return FineTuningJobError.of(orEmpty(code), orEmpty(message), string(error, "param"));
  }

  static Hyperparameters hyperparameters(Map<String, Object> map) {
    String effort = string(map, "reasoning_effort");
    return Hyperparameters.builder()
        .nEpochs(value(map.get("n_epochs")))
        .batchSize(value(map.get("batch_size")))
        .learningRateMultiplier(value(map.get("learning_rate_multiplier")))
        .beta(value(map.get("beta")))
        .computeMultiplier(value(map.get("compute_multiplier")))
        .evalInterval(value(map.get("eval_interval")))
        .evalSamples(value(map.get("eval_samples")))
        .reasoningEffort(effort == null ? null : ReasoningEffort.of(effort))
        .extra(without(map, HYPERPARAMETER_KEYS.toArray(String[]::new)))
        .build();
  }

  /** {@code "auto"} or a number; anything else (null, other strings) is treated as absent. */
  static @Nullable HyperparameterValue value(@Nullable Object v) {
    if (v instanceof String s && s.equals(HyperparameterValue.AUTO_VALUE)) {
      return HyperparameterValue.auto();
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      return HyperparameterValue.of(((Number) v).longValue());
    }
    if (v instanceof Number n) {
      return HyperparameterValue.of(n.doubleValue());
    }
    return null;
  }

  /** {@code {"type": t, "<t>": {"hyperparameters": {...}, "grader": {...}}}}. */
  static FineTuneMethod method(Map<String, Object> map) {
    String type = orEmpty(string(map, "type"));
    Map<String, Object> body = object(map, type);
    Map<String, Object> hyper = object(body, "hyperparameters");
    Map<String, Object> grader = object(body, "grader");
    Map<String, Object> extra = without(map, "type", type);
    Map<String, Object> bodyRest = without(body, "hyperparameters", "grader");
    if (!bodyRest.isEmpty()) {
      extra.put(type, bodyRest);
    }
    return FineTuneMethod.builder()
        .type(MethodType.of(type))
        .hyperparameters(hyper == null ? null : hyperparameters(hyper))
        .grader(grader == null ? Map.of() : grader)
        .extra(extra)
        .build();
  }

  /** {@code {"type": "wandb", "wandb": {"project", "name", "entity", "tags"}}}. */
  static FineTuningIntegration integration(Map<String, Object> map) {
    String type = orEmpty(string(map, "type"));
    Map<String, Object> body = object(map, type);
    List<String> tags = new ArrayList<>();
    List<?> rawTags = array(body, "tags");
    if (rawTags != null) {
      rawTags.forEach(
          t -> {
            if (t != null) {
              tags.add(String.valueOf(t));
            }
          });
    }
    Map<String, Object> extra = without(map, "type", type);
    Map<String, Object> bodyRest = without(body, "project", "name", "entity", "tags");
    if (!bodyRest.isEmpty()) {
      extra.put(type, bodyRest);
    }
    return FineTuningIntegration.builder()
        .type(type.isEmpty() ? "unknown" : type)
        .project(string(body, "project"))
        .name(string(body, "name"))
        .entity(string(body, "entity"))
        .tags(tags)
        .extra(extra)
        .build();
  }

  public static Page<FineTuningJob> jobs(FineTuningDtos.JobListDto dto) {
    List<FineTuningJob> jobs = new ArrayList<>(dto.data().size());
    dto.data().forEach(j -> jobs.add(job(j)));
    return Page.<FineTuningJob>builder()
        .data(jobs)
        .hasMore(dto.hasMore())
        .lastId(CapabilityJson.lastId(null, jobs, FineTuningJob::id))
        .extra(dto.extra())
        .build();
  }

  public static FineTuningJobEvent event(FineTuningDtos.EventDto dto) {
    return FineTuningJobEvent.builder()
        .id(dto.id())
        .object(dto.object() == null ? "fine_tuning.job.event" : dto.object())
        .createdAt(Instant.ofEpochSecond(dto.createdAt()))
        .level(EventLevel.of(dto.level() == null ? "info" : dto.level()))
        .message(orEmpty(dto.message()))
        .type(dto.type())
        .data(dto.data() == null ? Map.of() : dto.data())
        .extra(dto.extra())
        .build();
  }

  public static Page<FineTuningJobEvent> events(FineTuningDtos.EventListDto dto) {
    List<FineTuningJobEvent> events = new ArrayList<>(dto.data().size());
    dto.data().forEach(e -> events.add(event(e)));
    return Page.<FineTuningJobEvent>builder()
        .data(events)
        .hasMore(dto.hasMore())
        .lastId(CapabilityJson.lastId(null, events, FineTuningJobEvent::id))
        .extra(dto.extra())
        .build();
  }

  public static FineTuningCheckpoint checkpoint(FineTuningDtos.CheckpointDto dto) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (dto.metrics() != null) {
      dto.metrics()
          .forEach(
              (k, v) -> {
                if (v instanceof Number n) {
                  metrics.put(k, n.doubleValue());
                }
              });
    }
    return FineTuningCheckpoint.builder()
        .id(dto.id())
        .object(dto.object() == null ? "fine_tuning.job.checkpoint" : dto.object())
        .createdAt(Instant.ofEpochSecond(dto.createdAt()))
        .fineTunedModelCheckpoint(orEmpty(dto.fineTunedModelCheckpoint()))
        .stepNumber(dto.stepNumber())
        .metrics(metrics)
        .fineTuningJobId(orEmpty(dto.fineTuningJobId()))
        .extra(dto.extra())
        .build();
  }

  public static Page<FineTuningCheckpoint> checkpoints(FineTuningDtos.CheckpointListDto dto) {
    List<FineTuningCheckpoint> checkpoints = new ArrayList<>(dto.data().size());
    dto.data().forEach(c -> checkpoints.add(checkpoint(c)));
    return Page.<FineTuningCheckpoint>builder()
        .data(checkpoints)
        .hasMore(dto.hasMore())
        .firstId(dto.firstId())
        .lastId(CapabilityJson.lastId(dto.lastId(), checkpoints, FineTuningCheckpoint::id))
        .extra(WireJson.withObject(dto.extra(), dto.object()))
        .build();
  }

  private static List<String> dropNulls(List<String> values) {
    List<String> out = new ArrayList<>(values.size());
    values.forEach(
        v -> {
          if (v != null) {
            out.add(v);
          }
        });
    return out;
  }

  private static Map<String, String> dropNullValues(Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            out.put(k, v);
          }
        });
    return out;
  }
}
