package dev.llmkit.local.internal.chat;

import java.util.List;
import java.util.Objects;

/**
 * Generated assistant text split into plain content and the tool calls it contains.
 *
 * @param content the text outside tool-call markup, trimmed; "" if the reply was only tool calls
 * @param toolCalls the calls, with ids {@code call_0}, {@code call_1}, ... in order
 */
public record ParsedReply(String content, List<ToolCallSpec> toolCalls) {
  public ParsedReply {
    Objects.requireNonNull(content, "content");
    toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
  }

  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }
}
