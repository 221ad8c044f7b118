package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Chat {@code logprobs}: per-token log probabilities of the content and the refusal. */
public record LogprobsDto(
    @Nullable List<TokenDto> content,
    @Nullable List<TokenDto> refusal,
    @JsonAnySetter Map<String, Object> extra) {
  public LogprobsDto {
    extra = WireJson.extra(extra);
  }

  /** One token and, optionally, its most likely alternatives. */
  public record TokenDto(
      @Nullable String token,
      @Nullable Double logprob,
      @Nullable List<Integer> bytes,
      @Nullable List<TokenDto> topLogprobs,
      @JsonAnySetter Map<String, Object> extra) {
    public TokenDto {
      extra = WireJson.extra(extra);
    }
  }

  /** Legacy completion {@code logprobs}: parallel arrays. */
  public record LegacyDto(
      @Nullable List<String> tokens,
      @Nullable List<Double> tokenLogprobs,
      @Nullable List<Map<String, Double>> topLogprobs,
      @Nullable List<Integer> textOffset,
      @JsonAnySetter Map<String, Object> extra) {
    public LegacyDto {
      extra = WireJson.extra(extra);
    }
  }
}
