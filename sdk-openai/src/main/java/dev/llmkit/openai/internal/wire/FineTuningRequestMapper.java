package dev.llmkit.openai.internal.wire;

import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.FineTuningIntegration;
import dev.llmkit.finetuning.HyperparameterValue;
import dev.llmkit.finetuning.Hyperparameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds the body of {@code POST /fine_tuning/jobs} ({@code CreateFineTuningJobRequest}) as an
 * ordered JSON tree: its nested objects change shape with their {@code type}, and hyperparameters
 * are {@code "auto"} or a number. Pure static functions.
 */
public final class FineTuningRequestMapper {
  private FineTuningRequestMapper() {}

  public static Map<String, Object> toBody(CreateFineTuningJobRequest r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", r.model());
    body.put("training_file", r.trainingFile());
    putIfSet(body, "validation_file", r.validationFile());
    putIfSet(body, "suffix", r.suffix());
    putIfSet(body, "seed", r.seed());
    if (!r.metadata().isEmpty()) {
      body.put("metadata", r.metadata());
    }
    FineTuneMethod method = r.method();
    if (method != null) {
      body.put("method", method(method));
    }
    Hyperparameters hyperparameters = r.hyperparameters();
    if (hyperparameters != null) {
      body.put("hyperparameters", hyperparameters(hyperparameters));
    }
    if (!r.integrations().isEmpty()) {
      List<Object> integrations = new ArrayList<>();
      r.integrations().forEach(i -> integrations.add(integration(i)));
      body.put("integrations", integrations);
    }
    body.putAll(r.extraBody());
    return body;
  }

  static Map<String, Object> method(FineTuneMethod m) {
    Map<String, Object> inner = new LinkedHashMap<>();
    m.hyperparameters().ifPresent(h -> inner.put("hyperparameters", hyperparameters(h)));
    if (!m.grader().isEmpty()) {
      inner.put("grader", m.grader());
    }
    return typed(m.type().value(), inner, m.extra());
  }

  static Map<String, Object> hyperparameters(Hyperparameters h) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "n_epochs", h.nEpochs());
    put(out, "batch_size", h.batchSize());
    put(out, "learning_rate_multiplier", h.learningRateMultiplier());
    put(out, "beta", h.beta());
    put(out, "compute_multiplier", h.computeMultiplier());
    put(out, "eval_interval", h.evalInterval());
    put(out, "eval_samples", h.evalSamples());
    h.reasoningEffort().ifPresent(v -> out.put("reasoning_effort", v.value()));
    out.putAll(h.extra());
    return out;
  }

  private static void putIfSet(Map<String, Object> out, String key, @Nullable Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private static void put(Map<String, Object> out, String key, Optional<HyperparameterValue> v) {
    v.ifPresent(
        value ->
            out.put(
                key,
                value.isAuto() ? HyperparameterValue.AUTO_VALUE : value.number().orElseThrow()));
  }

  static Map<String, Object> integration(FineTuningIntegration i) {
    Map<String, Object> inner = new LinkedHashMap<>();
    i.project().ifPresent(v -> inner.put("project", v));
    i.name().ifPresent(v -> inner.put("name", v));
    i.entity().ifPresent(v -> inner.put("entity", v));
    if (!i.tags().isEmpty()) {
      inner.put("tags", i.tags());
    }
    return typed(i.type(), inner, i.extra());
  }

  /**
   * {@code {"type": type, type: inner, ...extra}}; unknown fields kept under {@code extra[type]}
   * are merged into {@code inner} rather than replacing it.
   */
  private static Map<String, Object> typed(
      String type, Map<String, Object> inner, Map<String, Object> extra) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", type);
    out.put(type, inner);
    extra.forEach(
        (k, v) -> {
          if (k.equals(type) && v instanceof Map<?, ?> more) {
            more.forEach((mk, mv) -> inner.putIfAbsent(String.valueOf(mk), mv));
          } else if (!k.equals("type")) {
            out.put(k, v);
          }
        });
    return out;
  }
}
