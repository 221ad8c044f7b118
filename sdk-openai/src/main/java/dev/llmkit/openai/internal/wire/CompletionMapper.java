package dev.llmkit.openai.internal.wire;

import dev.llmkit.completion.CompletionChoice;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionLogprobs;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Maps legacy completion requests and responses. Pure static functions. */
public final class CompletionMapper {
  private CompletionMapper() {}

  public static CompletionRequestDto toDto(CompletionRequest r) {
    Object prompt;
    if (!r.promptTokens().isEmpty()) {
      prompt = r.promptTokens().size() == 1 ? r.promptTokens().get(0) : r.promptTokens();
    } else {
      prompt = r.prompt().size() == 1 ? r.prompt().get(0) : r.prompt();
    }
    return new CompletionRequestDto(
        r.model(),
        prompt,
        r.suffix(),
        r.maxTokens(),
        r.temperature(),
        r.topP(),
        r.n(),
        r.logprobs(),
        r.echo(),
        r.stop().isEmpty() ? null : r.stop(),
        r.presencePenalty(),
        r.frequencyPenalty(),
        r.bestOf(),
        r.logitBias().isEmpty() ? null : r.logitBias(),
        r.user(),
        r.seed(),
        null,
        null,
        r.extraBody());
  }

  public static boolean includeUsage(CompletionRequest r) {
    return Boolean.TRUE.equals(r.streamIncludeUsage());
  }

  public static CompletionResponse response(CompletionDto dto) {
    return CompletionResponse.builder()
        .id(ResponseMapper.orEmpty(dto.id()))
        .created(dto.created() == null ? 0 : dto.created())
        .model(ResponseMapper.orEmpty(dto.model()))
        .choices(choices(dto))
        .usage(ResponseMapper.usage(dto.usage()))
        .systemFingerprint(dto.systemFingerprint())
        .extra(WireJson.withObject(dto.extra(), dto.object()))
        .build();
  }

  public static CompletionChunk chunk(CompletionDto dto) {
    return CompletionChunk.builder()
        .id(ResponseMapper.orEmpty(dto.id()))
        .created(dto.created() == null ? 0 : dto.created())
        .model(ResponseMapper.orEmpty(dto.model()))
        .choices(choices(dto))
        .usage(ResponseMapper.usage(dto.usage()))
        .systemFingerprint(dto.systemFingerprint())
        .extra(WireJson.withObject(dto.extra(), dto.object()))
        .build();
  }

  private static List<CompletionChoice> choices(CompletionDto dto) {
    List<CompletionChoice> out = new ArrayList<>(dto.choices().size());
    for (int i = 0; i < dto.choices().size(); i++) {
      CompletionDto.Choice c = dto.choices().get(i);
      out.add(
          CompletionChoice.builder()
              .index(c.index() == null ? i : c.index())
              .text(ResponseMapper.orEmpty(c.text()))
              .finishReason(ResponseMapper.finishReason(c.finishReason()))
              .logprobs(logprobs(c.logprobs()))
              .extra(c.extra())
              .build());
    }
    return out;
  }

  /** Nulls inside the arrays (the first token of an echoed prompt) become NaN and empty maps. */
  private static @Nullable CompletionLogprobs logprobs(LogprobsDto.@Nullable LegacyDto d) {
    if (d == null) {
      return null;
    }
    List<Double> tokenLogprobs = new ArrayList<>();
    if (d.tokenLogprobs() != null) {
      for (Double v : d.tokenLogprobs()) {
        tokenLogprobs.add(v == null ? Double.NaN : v);
      }
    }
    List<Map<String, Double>> top = new ArrayList<>();
    if (d.topLogprobs() != null) {
      for (Map<String, Double> m : d.topLogprobs()) {
        top.add(m == null ? Map.of() : m);
      }
    }
    return CompletionLogprobs.builder()
        .tokens(d.tokens() == null ? List.of() : d.tokens())
        .tokenLogprobs(tokenLogprobs)
        .topLogprobs(top)
        .textOffset(d.textOffset() == null ? List.of() : d.textOffset())
        .extra(d.extra())
        .build();
  }
}
