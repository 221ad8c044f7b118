package dev.llmkit.local.internal.service;

import dev.llmkit.chat.ChatDelta;
import dev.llmkit.chat.ChatLogprobs;
import dev.llmkit.chat.ChunkChoice;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.TokenLogprob;
import dev.llmkit.chat.ToolCallDelta;
import dev.llmkit.local.internal.chat.ParsedReply;
import dev.llmkit.local.internal.chat.ToolCallSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The chunk choices of one finished tool-mode choice, shaped like OpenAI's stream: the role (and
 * any content) first; then per call one delta with index, id, type and name and empty arguments,
 * followed by one with the argument text; last an empty delta with the finish reason. Call ids
 * are {@code call_} plus 24 random hex digits, the same in the stream and in the aggregate built
 * from it.
 */
final class ToolChunks {
  /** Argument text is sent in fragments of at most this many characters. */
  static final int FRAGMENT = 64;

  private ToolChunks() {}

  static List<ChunkChoice> choices(ParsedReply reply, int index, @Nullable String finish,
      @Nullable List<TokenLogprob> logprobs) {
    List<ChunkChoice> out = new ArrayList<>();
    ChatDelta.Builder first = ChatDelta.builder().role(Role.ASSISTANT);
    if (!reply.reasoning().isEmpty()) {
      first.extra(Map.of(Reasonings.FIELD, reply.reasoning()));
    }
    if (!reply.content().isEmpty() || !reply.hasToolCalls()) {
      first.content(reply.content());
    }
    ChunkChoice.Builder head = ChunkChoice.builder().index(index).delta(first.build());
    if (logprobs != null) {
      head.logprobs(ChatLogprobs.builder().content(logprobs).build());
    }
    out.add(head.build());
    List<ToolCallSpec> calls = reply.toolCalls();
    for (int i = 0; i < calls.size(); i++) {
      ToolCallSpec call = calls.get(i);
      out.add(delta(index, ToolCallDelta.builder().index(i).id(Ids.next("call_"))
          .type("function").name(call.name()).arguments("").build()));
      String args = call.argumentsJson();
      for (int from = 0; from < args.length(); from += FRAGMENT) {
        int to = Math.min(args.length(), from + FRAGMENT);
        if (to < args.length() && Character.isHighSurrogate(args.charAt(to - 1))) {
          to--;
        }
        out.add(delta(index, ToolCallDelta.builder().index(i).arguments(args.substring(from, to))
            .build()));
        from = to - FRAGMENT;
      }
    }
    FinishReason reason = reply.hasToolCalls() ? FinishReason.TOOL_CALLS
        : FinishReason.of(String.valueOf(finish));
    out.add(ChunkChoice.builder().index(index).delta(ChatDelta.builder().build())
        .finishReason(reason).build());
    return out;
  }

  private static ChunkChoice delta(int index, ToolCallDelta call) {
    return ChunkChoice.builder().index(index)
        .delta(ChatDelta.builder().toolCalls(List.of(call)).build()).build();
  }
}
