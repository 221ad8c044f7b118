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
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps chat completion DTOs to API types. Pure static functions; absent ids and models (some
 * compatible servers omit them) become empty strings, absent numbers zero.
 */
public final class ResponseMapper {
  private ResponseMapper() {}

  public static ChatResponse chat(ChatCompletionDto dto) {
    List<ChatChoice> choices = new ArrayList<>(dto.choices().size());
    for (int i = 0; i < dto.choices().size(); i++) {
      ChatCompletionDto.Choice c = dto.choices().get(i);
      ChatMessageDto m = c.message() != null ? c.message() : c.delta();
      choices.add(ChatChoice.builder()
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
        .extra(dto.extra())
        .build();
  }

  public static ChatChunk chunk(ChatCompletionDto dto) {
    List<ChunkChoice> choices = new ArrayList<>(dto.choices().size());
    for (int i = 0; i < dto.choices().size(); i++) {
      ChatCompletionDto.Choice c = dto.choices().get(i);
      ChatMessageDto d = c.delta() != null ? c.delta() : c.message();
      choices.add(ChunkChoice.builder()
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
        .extra(dto.extra())
        .build();
  }

  static ChatMessage message(@Nullable ChatMessageDto m) {
    if (m == null) {
      return ChatMessage.builder().role(Role.ASSISTANT).build();
    }
    List<ToolCall> calls = new ArrayList<>();
    if (m.toolCalls() != null) {
      for (ToolCallDto t : m.toolCalls()) {
        ToolCallDto.FunctionCallDto f = t.function();
        calls.add(ToolCall.builder()
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
    List<ToolCallDelta> calls = new ArrayList<>();
    if (d.toolCalls() != null) {
      for (int i = 0; i < d.toolCalls().size(); i++) {
        ToolCallDto t = d.toolCalls().get(i);
        ToolCallDto.FunctionCallDto f = t.function();
        calls.add(ToolCallDelta.builder()
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
        out.add(TokenLogprob.builder()
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

  public static @Nullable Usage usage(@Nullable UsageDto u) {
    if (u == null) {
      return null;
    }
    int prompt = orZero(u.promptTokens());
    int completion = orZero(u.completionTokens());
    return Usage.builder()
        .promptTokens(prompt)
        .completionTokens(completion)
        .totalTokens(u.totalTokens() == null ? prompt + completion : u.totalTokens())
        .promptTokensDetails(promptDetails(u.promptTokensDetails()))
        .completionTokensDetails(completionDetails(u.completionTokensDetails()))
        .extra(u.extra())
        .build();
  }

  private static @Nullable PromptTokensDetails promptDetails(UsageDto.@Nullable PromptDetails d) {
    if (d == null) {
      return null;
    }
    return PromptTokensDetails.builder()
        .cachedTokens(orZero(d.cachedTokens()))
        .audioTokens(orZero(d.audioTokens()))
        .cacheWriteTokens(orZero(d.cacheWriteTokens()))
        .textTokens(d.textTokens())
        .imageTokens(d.imageTokens())
        .extra(d.extra())
        .build();
  }

  private static @Nullable CompletionTokensDetails completionDetails(
      UsageDto.@Nullable CompletionDetails d) {
    if (d == null) {
      return null;
    }
    return CompletionTokensDetails.builder()
        .reasoningTokens(orZero(d.reasoningTokens()))
        .audioTokens(orZero(d.audioTokens()))
        .acceptedPredictionTokens(orZero(d.acceptedPredictionTokens()))
        .rejectedPredictionTokens(orZero(d.rejectedPredictionTokens()))
        .textTokens(d.textTokens())
        .extra(d.extra())
        .build();
  }

  static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  static int orZero(@Nullable Integer i) {
    return i == null ? 0 : i;
  }
}
