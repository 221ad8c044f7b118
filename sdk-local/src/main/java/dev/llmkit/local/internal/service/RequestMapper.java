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
 * top_k}, {@code min_p}, {@code repeat_penalty}, {@code repeat_last_n} and {@code ignore_eos}.
 * Other extra fields are ignored.
 */
final class RequestMapper {
  private final SamplingDefaults defaults;
  private final int vocabSize;

  RequestMapper(SamplingDefaults defaults, int vocabSize) {
    this.defaults = defaults;
    this.vocabSize = vocabSize;
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
        .minP((float) number(extra, "min_p", defaults.minP()))
        .repeatPenalty((float) positive(extra, "repeat_penalty", defaults.repeatPenalty()))
        .repeatLastN(Math.max(0, intOption(extra, "repeat_last_n",
            SamplingParams.DEFAULT_REPEAT_LAST_N)))
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
        throw invalid("logit_bias", "logit_bias names token " + id
            + " but the model's vocabulary has ids 0 to " + (vocabSize - 1));
      }
      out.put(id, e.getValue().floatValue());
    }
    return out;
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
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    try {
      return Double.parseDouble(v.toString());
    } catch (NumberFormatException e) {
      throw invalid(key, key + " is '" + v + "'; expected a number");
    }
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
    return new InvalidRequestException(Generator.PROVIDER, 400, "invalid_request_error", null,
        param, null, null, message, null);
  }
}
