package dev.llmkit.local.internal.finetune;

import dev.llmkit.finetuning.JobStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a {@code job.json} read back from disk before {@link JobRecord#fromMap} uses it, so a
 * truncated or hand-edited file is named with the field at fault instead of surfacing later as a
 * ClassCastException or NullPointerException.
 */
final class JobFileCheck {
  private static final List<String> STATUSES =
      List.of(
          JobStatus.VALIDATING_FILES.value(),
          JobStatus.QUEUED.value(),
          JobStatus.RUNNING.value(),
          JobStatus.SUCCEEDED.value(),
          JobStatus.FAILED.value(),
          JobStatus.CANCELLED.value());

  private JobFileCheck() {}

  /**
   * @throws IllegalArgumentException naming the first field that is missing or of the wrong type
   */
  static void check(Map<String, Object> m, String folderName) {
    String id = text(m, "id");
    if (!id.equals(folderName)) {
      throw new IllegalArgumentException(
          "\"id\" is \"" + id + "\" but the job's folder is " + folderName);
    }
    for (String key : List.of("model", "base_file", "training_file")) {
      text(m, key);
    }
    String status = text(m, "status");
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "\"status\" is \"" + status + "\"; expected one of " + STATUSES);
    }
    for (String key : List.of("created_at", "seed", "trained_tokens")) {
      type(m, key, Number.class, "a number", true);
    }
    for (String key :
        List.of(
            "validation_file",
            "suffix",
            "error_code",
            "error_message",
            "error_param",
            "fine_tuned_model")) {
      type(m, key, String.class, "a string or null", false);
    }
    for (String key : List.of("finished_at", "estimated_finish")) {
      type(m, key, Number.class, "a number or null", false);
    }
    type(m, "deleted", Boolean.class, "true or false", false);
    type(m, "settings", Map.class, "an object", false);
    type(m, "metadata", Map.class, "an object", false);
    elements(m, "result_files", String.class, "strings");
    elements(m, "events", Map.class, "objects");
    elements(m, "checkpoints", Map.class, "objects");
    Object meta = m.get("metadata");
    if (meta != null) {
      ((Map<?, ?>) meta)
          .forEach(
              (k, v) -> {
                if (!(v instanceof String)) {
                  throw new IllegalArgumentException("\"metadata." + k + "\" must be a string");
                }
              });
    }
    List<?> checkpoints = (List<?>) m.get("checkpoints");
    for (int i = 0; checkpoints != null && i < checkpoints.size(); i++) {
      Map<?, ?> c = (Map<?, ?>) checkpoints.get(i);
      if (!(c.get("id") instanceof String)
          || !(c.get("model") instanceof String)
          || !(c.get("step") instanceof Number)
          || !(c.get("metrics") instanceof Map)) {
        throw new IllegalArgumentException(
            "\"checkpoints["
                + i
                + "]\" needs a string id and"
                + " model, a number step and a metrics object");
      }
    }
  }

  private static String text(Map<String, Object> m, String key) {
    type(m, key, String.class, "a string", true);
    return (String) Objects.requireNonNull(m.get(key), key); // required: type() rejected null
  }

  private static void type(
      Map<String, Object> m, String key, Class<?> type, String what, boolean required) {
    Object v = m.get(key);
    if (v == null ? required : !type.isInstance(v)) {
      throw new IllegalArgumentException(
          "\""
              + key
              + "\" must be "
              + what
              + ", got "
              + (v == null ? "nothing" : v.getClass().getSimpleName() + " " + v));
    }
  }

  private static void elements(Map<String, Object> m, String key, Class<?> type, String what) {
    Object v = m.get(key);
    if (v == null) {
      return;
    }
    if (!(v instanceof List)) {
      throw new IllegalArgumentException("\"" + key + "\" must be an array of " + what);
    }
    List<?> list = (List<?>) v;
    for (int i = 0; i < list.size(); i++) {
      if (!type.isInstance(list.get(i))) {
        throw new IllegalArgumentException("\"" + key + "[" + i + "]\" must be one of " + what);
      }
    }
  }
}
