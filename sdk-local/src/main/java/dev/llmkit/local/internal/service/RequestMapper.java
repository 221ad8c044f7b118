package dev.llmkit.local.internal.service;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.local.internal.engine.Generator;
import dev.llmkit.local.internal.sampling.SamplingParams;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Turns the OpenAI-style options shared by chat and completions into {@link SamplingParams}.
 *
 * <p>Besides the modelled fields, {@code extraBody} may carry llama.cpp server options: {@code
 * top_k}, {@code min_p} (0 to 1), {@code repeat_penalty}, {@code repeat_last_n} (-1 for the context
 * size, 0 for off; longer windows are cut to the context size, which holds every token a request
 * has) and {@code ignore_eos}. Numbers must be finite. Other extra fields are ignored.
 */
final class RequestMapper {
  private final SamplingDefaults defaults;
  private final int vocabSize;
  private final int contextSize;

  RequestMapper(SamplingDefaults defaults, int vocabSize, int contextSize) {
    this.defaults = defaults;
    this.vocabSize = vocabSize;
    this.contextSize = contextSize;
  }

  /** The shared request options, as nullable values straight from the request. */
  record Options(
      @Nullable Double temperature,
      @Nullable Double topP,
      @Nullable Double presencePenalty,
      @Nullable Double frequencyPenalty,
      Map<String, Integer> logitBias,
      @Nullable Long seed,
      int topLogprobs,
      Map<String, Object> extraBody) {}

  SamplingParams sampling(Options o) {
    Map<String, Object> extra = o.extraBody();
    Long seed = o.seed() != null ? o.seed() : defaults.seed();
    return SamplingParams.builder()
        .temperature((float) (o.temperature() != null ? o.temperature() : defaults.temperature()))
        .topP((float) (o.topP() != null ? o.topP() : defaults.topP()))
        .topK(intOption(extra, "top_k", defaults.topK()))
        .minP((float) minP(extra))
        .repeatPenalty((float) positive(extra, "repeat_penalty", defaults.repeatPenalty()))
        .repeatLastN(repeatLastN(extra))
        .presencePenalty(o.presencePenalty() != null ? o.presencePenalty().floatValue() : 0f)
        .frequencyPenalty(o.frequencyPenalty() != null ? o.frequencyPenalty().floatValue() : 0f)
        .logitBias(logitBias(o.logitBias()))
        .seed(seed != null ? seed : ThreadLocalRandom.current().nextLong())
        .topLogprobs(o.topLogprobs())
        .build();
  }

  private Map<Integer, Float> logitBias(Map<String, Integer> bias) {
    Map<Integer, Float> out = new HashMap<>();
    for (Map.Entry<String, Integer> e : bias.entrySet()) {
      int id;
      try {
        id = Integer.parseInt(e.getKey().strip());
      } catch (NumberFormatException ex) {
        throw invalid("logit_bias", "logit_bias key '" + e.getKey() + "' is not a token id");
      }
      if (id < 0 || id >= vocabSize) {
        throw invalid(
            "logit_bias",
            "logit_bias names token "
                + id
                + " but the model's vocabulary has ids 0 to "
                + (vocabSize - 1));
      }
      out.put(id, e.getValue().floatValue());
    }
    return out;
  }

  private double minP(Map<String, Object> extra) {
    double v = number(extra, "min_p", defaults.minP());
    if (v < 0 || v > 1) {
      throw invalid("min_p", "min_p is " + v + "; allowed range is 0 to 1");
    }
    return v;
  }

  /** The repetition window: -1 means the context, and no window need be longer than that. */
  private int repeatLastN(Map<String, Object> extra) {
    int v = intOption(extra, "repeat_last_n", SamplingParams.DEFAULT_REPEAT_LAST_N);
    if (v < -1) {
      throw invalid(
          "repeat_last_n",
          "repeat_last_n is " + v + "; allowed are -1 (the context size), 0 (off) or more");
    }
    return v == -1 ? contextSize : Math.min(v, contextSize);
  }

  /** llama.cpp's {@code ignore_eos} from {@code extraBody}: generate past end-of-sequence. */
  static boolean ignoreEos(Map<String, Object> extra) {
    Object v = extra.get("ignore_eos");
    if (v == null || v instanceof Boolean) {
      return Boolean.TRUE.equals(v);
    }
    throw invalid("ignore_eos", "ignore_eos is '" + v + "'; expected true or false");
  }

  private static double number(Map<String, Object> extra, String key, double fallback) {
    Object v = extra.get(key);
    if (v == null) {
      return fallback;
    }
    double d;
    if (v instanceof Number) {
      d = ((Number) v).doubleValue();
    } else {
      try {
        d = Double.parseDouble(v.toString());
      } catch (NumberFormatException e) {
        throw invalid(key, key + " is '" + v + "'; expected a number");
      }
    }
    if (!Double.isFinite(d)) {
      throw invalid(key, key + " is '" + v + "'; expected a finite number");
    }
    return d;
  }

  private static double positive(Map<String, Object> extra, String key, double fallback) {
    double v = number(extra, key, fallback);
    if (!(v > 0)) {
      throw invalid(key, key + " is " + v + "; it must be > 0");
    }
    return v;
  }

  private static int intOption(Map<String, Object> extra, String key, int fallback) {
    double v = number(extra, key, fallback);
    if (v != Math.rint(v)) {
      throw invalid(key, key + " is " + v + "; expected an integer");
    }
    return (int) v;
  }

  /** Output token limit: the request's, else whatever room the context leaves. */
  static int maxTokens(@Nullable Integer requested, int promptTokens, int contextSize) {
    int room = Math.max(1, contextSize - promptTokens);
    return requested != null ? requested : room;
  }

  static InvalidRequestException invalid(@Nullable String param, String message) {
    return InvalidRequestException.invalidParameter(Generator.PROVIDER, param, message);
  }
}
