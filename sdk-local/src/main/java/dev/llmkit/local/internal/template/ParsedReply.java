package dev.llmkit.local.internal.template;

import java.util.List;
import java.util.Objects;

/**
 * Generated assistant text split into plain content and the tool calls it contains.
 *
 * @param content the text outside tool-call markup, trimmed; "" if the reply was only tool calls
 * @param toolCalls the calls, with ids {@code call_0}, {@code call_1}, ... in order
 * @param reasoning the text of a leading {@code <think>...</think>} block (Qwen3-style templates),
 *     trimmed; "" if there is none
 */
public record ParsedReply(String content, List<ToolCallSpec> toolCalls, String reasoning) {
  public ParsedReply {
    Objects.requireNonNull(content, "content");
    toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
    Objects.requireNonNull(reasoning, "reasoning");
  }

  /** A reply without reasoning. */
  public ParsedReply(String content, List<ToolCallSpec> toolCalls) {
    this(content, toolCalls, "");
  }

  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }
}
