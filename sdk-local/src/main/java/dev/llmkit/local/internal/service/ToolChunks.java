package dev.llmkit.local.internal.service;

import dev.llmkit.chat.ChatDelta;
import dev.llmkit.chat.ChatLogprobs;
import dev.llmkit.chat.ChunkChoice;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.TokenLogprob;
import dev.llmkit.chat.ToolCallDelta;
import dev.llmkit.local.internal.grammar.ToolGrammar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The chunk choices of tool-mode choices, token by token, shaped like OpenAI's stream: the role
 * first; content as it is generated; per call one delta with index, id, type and name (and empty
 * arguments) as soon as the name is written, then the argument text in fragments as it is
 * generated; last an empty delta with the finish reason ("tool_calls" when calls were made). Call
 * ids are {@code call_} plus 24 random hex digits, the same in the stream and in the aggregate
 * built from it. Each step's log-probabilities ride on its first chunk. One per request; choices
 * are kept apart by index. Not thread-safe (a stream's steps come one at a time).
 */
final class ToolChunks {
  private final ToolGrammar.Syntax syntax;
  private final Map<Integer, ToolStream> streams = new HashMap<>();

  ToolChunks(ToolGrammar.Syntax syntax) {
    this.syntax = syntax;
  }

  /**
   * The chunk choices for one step of choice {@code index}.
   *
   * @param text the step's content text
   * @param reasoning the step's reasoning text ("" if none)
   * @param logprob the step's token log-probability, or null
   * @param finish the step's finish reason when it is the choice's last step, else null
   * @param last whether this is the choice's last step
   */
  List<ChunkChoice> step(
      int index,
      String text,
      String reasoning,
      @Nullable TokenLogprob logprob,
      boolean last,
      @Nullable String finish) {
    boolean first = !streams.containsKey(index);
    ToolStream stream = streams.computeIfAbsent(index, i -> new ToolStream(syntax));
    List<ToolStream.Piece> pieces = new ArrayList<>(stream.push(text));
    if (last) {
      pieces.addAll(stream.finish());
      streams.remove(index);
    }
    List<ChatDelta> deltas = new ArrayList<>();
    if (!reasoning.isEmpty()) {
      deltas.add(ChatDelta.builder().extra(Map.of(Reasonings.FIELD, reasoning)).build());
    }
    for (ToolStream.Piece p : ToolStream.merged(pieces)) {
      deltas.add(delta(p));
    }
    if (deltas.isEmpty() && (first || logprob != null)) {
      deltas.add(ChatDelta.builder().build());
    }
    List<ChunkChoice> out = new ArrayList<>();
    for (int i = 0; i < deltas.size(); i++) {
      ChatDelta d = deltas.get(i);
      if (first && i == 0) {
        d = d.toBuilder().role(Role.ASSISTANT).build();
      }
      ChunkChoice.Builder c = ChunkChoice.builder().index(index).delta(d);
      if (logprob != null && i == 0) {
        c.logprobs(ChatLogprobs.builder().content(List.of(logprob)).build());
      }
      out.add(c.build());
    }
    if (last) {
      FinishReason reason =
          stream.completedCalls() > 0 && !stream.insideCall()
              ? FinishReason.TOOL_CALLS
              : FinishReason.of(String.valueOf(finish));
      out.add(
          ChunkChoice.builder()
              .index(index)
              .delta(ChatDelta.builder().build())
              .finishReason(reason)
              .build());
    }
    return out;
  }

  private static ChatDelta delta(ToolStream.Piece p) {
    switch (p.kind()) {
      case CONTENT:
        return ChatDelta.builder().content(p.text()).build();
      case CALL_START:
        return ChatDelta.builder()
            .toolCalls(
                List.of(
                    ToolCallDelta.builder()
                        .index(p.call())
                        .id(Ids.next("call_"))
                        .type("function")
                        .name(p.text())
                        .arguments("")
                        .build()))
            .build();
      default:
        return ChatDelta.builder()
            .toolCalls(List.of(ToolCallDelta.builder().index(p.call()).arguments(p.text()).build()))
            .build();
    }
  }
}
