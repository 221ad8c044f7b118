package dev.llmkit.openai.internal.wire;

import dev.llmkit.chat.ChatChoice;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatDelta;
import dev.llmkit.chat.ChatLogprobs;
import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ChunkChoice;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.TokenLogprob;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolCallDelta;
import dev.llmkit.common.CompletionTokensDetails;
import dev.llmkit.common.PromptTokensDetails;
import dev.llmkit.common.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps chat completion DTOs to API types. Pure static functions; absent ids and models (some
 * compatible servers omit them) become empty strings, absent numbers zero.
 */
public final class ResponseMapper {
  private ResponseMapper() {}

  /**
   * Maps a chat completion. A body without a {@code choices} array, a {@code null} choice or a
   * choice without {@code message} is malformed ({@link WireFormatException}); an empty {@code
   * choices} array is not.
   */
  public static ChatResponse chat(ChatCompletionDto dto) {
    if (dto.choices() == null) {
      throw new WireFormatException(
          "the chat completion has no 'choices' array; expected"
              + " {\"choices\": [{\"message\": {...}}], ...}");
    }
    List<ChatChoice> choices = new ArrayList<>(dto.choices().size());
    for (int i = 0; i < dto.choices().size(); i++) {
      ChatCompletionDto.Choice c = choice(dto, i);
      ChatMessageDto m = c.message() != null ? c.message() : c.delta();
      if (m == null) {
        throw new WireFormatException(
            "choices["
                + i
                + "] of the chat completion has no"
                + " 'message' object; expected {\"message\": {\"role\": \"assistant\", ...}}");
      }
      choices.add(
          ChatChoice.builder()
              .index(c.index() == null ? i : c.index())
              .message(message(m))
              .finishReason(finishReason(c.finishReason()))
              .logprobs(logprobs(c.logprobs()))
              .extra(c.extra())
              .build());
    }
    return ChatResponse.builder()
        .id(orEmpty(dto.id()))
        .created(dto.created() == null ? 0 : dto.created())
        .model(orEmpty(dto.model()))
        .choices(choices)
        .usage(usage(dto.usage()))
        .systemFingerprint(dto.systemFingerprint())
        .serviceTier(dto.serviceTier())
        .extra(WireJson.withObject(dto.extra(), dto.object()))
        .build();
  }

  /** Maps a chunk; absent {@code choices} are empty (usage chunks), a null choice malformed. */
  public static ChatChunk chunk(ChatCompletionDto dto) {
    List<ChunkChoice> choices = new ArrayList<>(dto.choiceList().size());
    for (int i = 0; i < dto.choiceList().size(); i++) {
      ChatCompletionDto.Choice c = choice(dto, i);
      ChatMessageDto d = c.delta() != null ? c.delta() : c.message();
      choices.add(
          ChunkChoice.builder()
              .index(c.index() == null ? i : c.index())
              .delta(delta(d))
              .finishReason(finishReason(c.finishReason()))
              .logprobs(logprobs(c.logprobs()))
              .extra(c.extra())
              .build());
    }
    return ChatChunk.builder()
        .id(orEmpty(dto.id()))
        .created(dto.created() == null ? 0 : dto.created())
        .model(orEmpty(dto.model()))
        .choices(choices)
        .usage(usage(dto.usage()))
        .systemFingerprint(dto.systemFingerprint())
        .serviceTier(dto.serviceTier())
        .extra(WireJson.withObject(dto.extra(), dto.object()))
        .build();
  }

  /** Returns choice {@code i}; a JSON {@code null} there is malformed. */
  public static ChatCompletionDto.Choice choice(ChatCompletionDto dto, int i) {
    ChatCompletionDto.Choice c = dto.choiceList().get(i);
    if (c == null) {
      throw new WireFormatException(
          "choices[" + i + "] is null; expected a choice object {\"index\": " + i + ", ...}");
    }
    return c;
  }

  static ChatMessage message(@Nullable ChatMessageDto m) {
    if (m == null) {
      return ChatMessage.builder().role(Role.ASSISTANT).build();
    }
    List<ToolCall> calls = List.of(); // no allocation for the common message without tools
    if (m.toolCalls() != null && !m.toolCalls().isEmpty()) {
      calls = new ArrayList<>(m.toolCalls().size());
      for (int i = 0; i < m.toolCalls().size(); i++) {
        ToolCallDto t = toolCall(m.toolCalls(), i);
        ToolCallDto.FunctionCallDto f = t.function();
        calls.add(
            ToolCall.builder()
                .id(orEmpty(t.id()))
                .type(t.type() == null || t.type().isBlank() ? "function" : t.type())
                .name(f == null ? "" : orEmpty(f.name()))
                .arguments(f == null ? "" : orEmpty(f.arguments()))
                .extra(t.extra())
                .build());
      }
    }
    return ChatMessage.builder()
        .role(m.role() == null ? Role.ASSISTANT : Role.of(m.role()))
        .content(m.content())
        .name(m.name())
        .refusal(m.refusal())
        .toolCalls(calls)
        .toolCallId(m.toolCallId())
        .extra(m.extra())
        .build();
  }

  static ChatDelta delta(@Nullable ChatMessageDto d) {
    if (d == null) {
      return ChatDelta.builder().build();
    }
    List<ToolCallDelta> calls = List.of(); // no allocation for the common text-only delta
    if (d.toolCalls() != null && !d.toolCalls().isEmpty()) {
      calls = new ArrayList<>(d.toolCalls().size());
      for (int i = 0; i < d.toolCalls().size(); i++) {
        ToolCallDto t = toolCall(d.toolCalls(), i);
        ToolCallDto.FunctionCallDto f = t.function();
        calls.add(
            ToolCallDelta.builder()
                .index(t.index() == null ? i : t.index())
                .id(t.id())
                .type(t.type())
                .name(f == null ? null : f.name())
                .arguments(f == null ? null : f.arguments())
                .extra(t.extra())
                .build());
      }
    }
    return ChatDelta.builder()
        .role(d.role() == null ? null : Role.of(d.role()))
        .content(d.content())
        .refusal(d.refusal())
        .toolCalls(calls)
        .extra(d.extra())
        .build();
  }

  private static ToolCallDto toolCall(List<ToolCallDto> calls, int i) {
    ToolCallDto t = calls.get(i);
    if (t == null) {
      throw new WireFormatException(
          "tool_calls[" + i + "] is null; expected {\"id\": ..., \"function\": {...}}");
    }
    return t;
  }

  static @Nullable FinishReason finishReason(@Nullable String value) {
    return value == null || value.isEmpty() ? null : FinishReason.of(value);
  }

  static @Nullable ChatLogprobs logprobs(@Nullable LogprobsDto dto) {
    if (dto == null) {
      return null;
    }
    return ChatLogprobs.builder()
        .content(tokens(dto.content()))
        .refusal(tokens(dto.refusal()))
        .extra(dto.extra())
        .build();
  }

  private static List<TokenLogprob> tokens(@Nullable List<LogprobsDto.TokenDto> dtos) {
    List<TokenLogprob> out = new ArrayList<>();
    if (dtos != null) {
      for (LogprobsDto.TokenDto t : dtos) {
        out.add(
            TokenLogprob.builder()
                .token(orEmpty(t.token()))
                .logprob(t.logprob() == null ? Double.NaN : t.logprob())
                .bytes(t.bytes() == null ? List.of() : t.bytes())
                .topLogprobs(tokens(t.topLogprobs()))
                .extra(t.extra())
                .build());
      }
    }
    return out;
  }

  /**
   * Maps token counts. A count above {@code Integer.MAX_VALUE} reads as {@code Integer.MAX_VALUE}
   * and its exact value is kept in the {@code extra()} map under its JSON name.
   */
  public static @Nullable Usage usage(@Nullable UsageDto u) {
    if (u == null) {
      return null;
    }
    Map<String, Object> extra = new LinkedHashMap<>(u.extra());
    long prompt = u.promptTokens() == null ? 0 : u.promptTokens();
    long completion = u.completionTokens() == null ? 0 : u.completionTokens();
    Long total = u.totalTokens() != null ? u.totalTokens() : Long.valueOf(prompt + completion);
    return Usage.builder()
        .promptTokens(count(prompt, "prompt_tokens", extra))
        .completionTokens(count(completion, "completion_tokens", extra))
        .totalTokens(count(total, "total_tokens", extra))
        .promptTokensDetails(promptDetails(u.promptTokensDetails()))
        .completionTokensDetails(completionDetails(u.completionTokensDetails()))
        .extra(extra)
        .build();
  }

  private static @Nullable PromptTokensDetails promptDetails(UsageDto.@Nullable PromptDetails d) {
    if (d == null) {
      return null;
    }
    Map<String, Object> extra = new LinkedHashMap<>(d.extra());
    return PromptTokensDetails.builder()
        .cachedTokens(count(d.cachedTokens(), "cached_tokens", extra))
        .audioTokens(count(d.audioTokens(), "audio_tokens", extra))
        .cacheWriteTokens(count(d.cacheWriteTokens(), "cache_write_tokens", extra))
        .textTokens(countOrNull(d.textTokens(), "text_tokens", extra))
        .imageTokens(countOrNull(d.imageTokens(), "image_tokens", extra))
        .extra(extra)
        .build();
  }

  private static @Nullable CompletionTokensDetails completionDetails(
      UsageDto.@Nullable CompletionDetails d) {
    if (d == null) {
      return null;
    }
    Map<String, Object> extra = new LinkedHashMap<>(d.extra());
    return CompletionTokensDetails.builder()
        .reasoningTokens(count(d.reasoningTokens(), "reasoning_tokens", extra))
        .audioTokens(count(d.audioTokens(), "audio_tokens", extra))
        .acceptedPredictionTokens(
            count(d.acceptedPredictionTokens(), "accepted_prediction_tokens", extra))
        .rejectedPredictionTokens(
            count(d.rejectedPredictionTokens(), "rejected_prediction_tokens", extra))
        .textTokens(countOrNull(d.textTokens(), "text_tokens", extra))
        .extra(extra)
        .build();
  }

  /** Saturates to int; an exact value out of int range goes into {@code overflow}. */
  private static int count(@Nullable Long value, String json, Map<String, Object> overflow) {
    if (value == null) {
      return 0;
    }
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      overflow.put(json, value);
      return value > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    }
    return value.intValue();
  }

  private static @Nullable Integer countOrNull(
      @Nullable Long value, String json, Map<String, Object> overflow) {
    return value == null ? null : count(value, json, overflow);
  }

  static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
