package dev.llmkit.local.internal.finetune;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.HyperparameterValue;
import dev.llmkit.finetuning.Hyperparameters;
import dev.llmkit.finetuning.MethodType;
import dev.llmkit.local.internal.model.LayerAdapter;
import dev.llmkit.local.internal.training.TrainingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a local job: OpenAI's hyperparameters ({@code n_epochs}, {@code batch_size},
 * {@code learning_rate_multiplier}, "auto" or absent resolved when the data is known) and the local
 * knobs of the request's extra body, each with its default. Invalid values are rejected with the
 * parameter's name.
 */
public final class JobSettings {
  /** Learning rate at multiplier 1 (AdamW on the LoRA weights). */
  static final double BASE_LEARNING_RATE = 5e-4;

  static final int DEFAULT_RANK = 8;
  static final double DEFAULT_DROPOUT = 0.0;
  static final int DEFAULT_CONTEXT = 1024;
  static final int DEFAULT_EVAL_INTERVAL = 10;
  static final double DEFAULT_WEIGHT_DECAY = 0.0;
  static final double DEFAULT_WARMUP_RATIO = 0.0;
  static final double DEFAULT_MAX_GRAD_NORM = 1.0;
  static final int DEFAULT_MAX_EXAMPLES = 100_000;

  /** Every target module, in the order of {@link LayerAdapter}'s targets; "output" last. */
  public static final List<String> TARGETS =
      List.of("q", "k", "v", "o", "gate", "up", "down", "output");

  /** The targets adapted when a job names none: every projection of every layer. */
  static final List<String> DEFAULT_TARGETS = TARGETS.subList(0, LayerAdapter.OUTPUT);

  /** The extra-body keys read here. */
  static final List<String> KEYS =
      List.of(
          "lora_rank",
          "lora_alpha",
          "lora_dropout",
          "target_modules",
          "max_steps",
          "context_length",
          "threads",
          "eval_interval",
          "weight_decay",
          "warmup_ratio",
          "lr_scheduler",
          "max_grad_norm",
          "max_examples");

  private JobSettings() {}

  /**
   * Validates the request's method and numbers and returns the settings map stored with the job;
   * "auto" hyperparameters stay absent until {@link #resolve}.
   */
  public static Map<String, Object> of(
      CreateFineTuningJobRequest r, int defaultThreads, int modelContext) {
    FineTuneMethod m = r.method();
    Hyperparameters hp =
        m != null && m.hyperparameters().isPresent()
            ? m.hyperparameters().get()
            : r.hyperparameters();
    if (m != null && !MethodType.SUPERVISED.equals(m.type())) {
      throw invalid(
          "method.type",
          "the local provider trains only the \"supervised\" method,"
              + " got \""
              + m.type().value()
              + "\"");
    }
    Map<String, Object> s = new LinkedHashMap<>();
    if (hp != null) {
      number(hp.nEpochs(), "n_epochs", 1, 1000, true).ifPresent(v -> s.put("n_epochs", v));
      number(hp.batchSize(), "batch_size", 1, 4096, true).ifPresent(v -> s.put("batch_size", v));
      number(hp.learningRateMultiplier(), "learning_rate_multiplier", 1e-6, 1e4, false)
          .ifPresent(v -> s.put("learning_rate_multiplier", v));
    }
    Map<String, Object> x = r.extraBody();
    int rank = (int) num(x, "lora_rank", DEFAULT_RANK, 1, 1024, true);
    s.put("lora_rank", rank);
    s.put("lora_alpha", num(x, "lora_alpha", 2.0 * rank, 1e-6, 1e6, false));
    s.put("lora_dropout", num(x, "lora_dropout", DEFAULT_DROPOUT, 0, 0.95, false));
    s.put("target_modules", targets(x.get("target_modules")));
    s.put("max_steps", (long) num(x, "max_steps", 0, 0, Integer.MAX_VALUE, true));
    s.put(
        "context_length",
        (long) num(x, "context_length", Math.min(DEFAULT_CONTEXT, modelContext), 2, 1 << 20, true));
    s.put("threads", (long) num(x, "threads", defaultThreads, 1, 1024, true));
    s.put(
        "eval_interval",
        (long) num(x, "eval_interval", DEFAULT_EVAL_INTERVAL, 1, Integer.MAX_VALUE, true));
    s.put("weight_decay", num(x, "weight_decay", DEFAULT_WEIGHT_DECAY, 0, 10, false));
    s.put("warmup_ratio", num(x, "warmup_ratio", DEFAULT_WARMUP_RATIO, 0, 1, false));
    s.put("max_grad_norm", num(x, "max_grad_norm", DEFAULT_MAX_GRAD_NORM, 0, 1e9, false));
    s.put(
        "max_examples",
        (long) num(x, "max_examples", DEFAULT_MAX_EXAMPLES, 1, Integer.MAX_VALUE, true));
    Object scheduler = x.getOrDefault("lr_scheduler", "linear");
    if (!"linear".equals(scheduler) && !"cosine".equals(scheduler)) {
      throw invalid(
          "lr_scheduler", "lr_scheduler must be \"linear\" or \"cosine\", got " + scheduler);
    }
    s.put("lr_scheduler", scheduler);
    return s;
  }

  /**
   * Fills in "auto" values for {@code examples} training examples: {@code n_epochs} = clamp(⌈100 /
   * examples⌉, 3, 10), {@code batch_size} = clamp(examples / 32, 1, 8), {@code
   * learning_rate_multiplier} = 1.
   */
  static void resolve(Map<String, Object> s, int examples) {
    s.putIfAbsent("n_epochs", (long) Math.max(3, Math.min(10, (100 + examples - 1) / examples)));
    s.putIfAbsent("batch_size", (long) Math.max(1, Math.min(8, examples / 32)));
    s.putIfAbsent("learning_rate_multiplier", 1.0);
  }

  @SuppressWarnings("unchecked")
  static TrainingConfig config(Map<String, Object> s, long seed) {
    boolean[] targets = new boolean[LayerAdapter.TARGET_COUNT];
    for (String t : (List<String>) required(s, "target_modules")) {
      targets[TARGETS.indexOf(t)] = true;
    }
    return new TrainingConfig(
        i(s, "lora_rank"),
        (float) d(s, "lora_alpha"),
        (float) d(s, "lora_dropout"),
        targets,
        i(s, "n_epochs"),
        i(s, "batch_size"),
        BASE_LEARNING_RATE * d(s, "learning_rate_multiplier"),
        d(s, "weight_decay"),
        d(s, "warmup_ratio"),
        "cosine".equals(s.get("lr_scheduler")),
        d(s, "max_grad_norm"),
        i(s, "max_steps"),
        i(s, "context_length"),
        i(s, "threads"),
        seed,
        i(s, "eval_interval"));
  }

  public static int i(Map<String, Object> s, String key) {
    return ((Number) required(s, key)).intValue();
  }

  public static double d(Map<String, Object> s, String key) {
    return ((Number) required(s, key)).doubleValue();
  }

  /** A setting that {@link #of} and the defaults always fill in. */
  private static Object required(Map<String, Object> s, String key) {
    Object value = s.get(key);
    if (value == null) {
      throw new IllegalStateException("fine-tuning setting " + key + " is missing");
    }
    return value;
  }

  private static List<String> targets(@Nullable Object value) {
    if (value == null) {
      return DEFAULT_TARGETS;
    }
    List<?> raw =
        value instanceof List
            ? (List<?>) value
            : value instanceof String ? List.of(((String) value).split(",")) : null;
    if (raw == null || raw.isEmpty()) {
      throw invalid("target_modules", "target_modules must be a non-empty list of " + TARGETS);
    }
    List<String> out = new ArrayList<>();
    for (Object o : raw) {
      String t = String.valueOf(o).trim().toLowerCase(Locale.ROOT);
      t = t.endsWith("_proj") ? t.substring(0, t.length() - 5) : t;
      t = t.equals("lm_head") ? "output" : t;
      if (!TARGETS.contains(t)) {
        throw invalid(
            "target_modules",
            "unknown target module \""
                + o
                + "\"; choose from "
                + TARGETS
                + " (or q_proj, k_proj, …)");
      }
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    List<String> ordered = new ArrayList<>(TARGETS);
    ordered.retainAll(out);
    return ordered;
  }

  private static Optional<Number> number(
      Optional<HyperparameterValue> v, String name, double min, double max, boolean integer) {
    if (v.isEmpty() || v.get().isAuto()) {
      return Optional.empty();
    }
    Number n = v.get().number().orElseThrow();
    check(n.doubleValue(), "method.supervised.hyperparameters." + name, min, max, integer);
    return Optional.of(integer ? (Number) n.longValue() : (Number) n.doubleValue());
  }

  private static double num(
      Map<String, Object> x, String key, double dflt, double min, double max, boolean integer) {
    Object v = x.get(key);
    if (v == null) {
      return dflt;
    }
    double d;
    if (v instanceof Number) {
      d = ((Number) v).doubleValue();
    } else {
      try {
        d = Double.parseDouble(String.valueOf(v).trim());
      } catch (NumberFormatException e) {
        throw invalid(key, key + " must be a number, got \"" + v + "\"");
      }
    }
    check(d, key, min, max, integer);
    return d;
  }

  private static void check(double d, String name, double min, double max, boolean integer) {
    if (!(d >= min && d <= max) || (integer && d != Math.rint(d))) {
      throw invalid(
          name,
          name
              + " is "
              + d
              + "; it must be "
              + (integer ? "an integer " : "")
              + "from "
              + (integer ? String.valueOf((long) min) : String.valueOf(min))
              + " to "
              + (integer ? String.valueOf((long) max) : String.valueOf(max)));
    }
  }

  public static InvalidRequestException invalid(String param, String message) {
    return InvalidRequestException.invalidParameter("local", param, message);
  }
}
