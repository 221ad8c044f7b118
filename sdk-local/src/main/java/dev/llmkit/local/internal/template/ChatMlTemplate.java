package dev.llmkit.local.internal.template;

import dev.llmkit.local.internal.json.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * ChatML, as in the Qwen2 / Qwen2.5 / SmolLM2 templates: an optional default system prompt when the
 * conversation has none, and with tools the Hermes format of Qwen2.5 ({@code <tools>} JSON lines in
 * the system turn, {@code <tool_call>} JSON in assistant turns, {@code <tool_response>} blocks in a
 * user turn). The Phi-4 variant separates role and content with {@code <|im_sep|>} and puts no
 * newline between turns. Templates with {@code <think>} (Qwen3) drop the reasoning of assistant
 * turns before the last user query and keep it, re-wrapped, in the tool-calling turns after it.
 */
final class ChatMlTemplate implements ChatTemplate {
  private static final String TOOLS_HEADER =
      "# Tools\n\nYou may call one or more functions to assist with the user query."
          + "\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>";
  private static final String TOOLS_FOOTER =
      "\n</tools>\n\nFor each function call, return a json object with function"
          + " name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n"
          + "{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

  private final @Nullable String defaultSystem;
  private final boolean hermesTools;
  private final boolean imSep;
  private final boolean thinking;

  ChatMlTemplate(
      @Nullable String defaultSystem, boolean hermesTools, boolean imSep, boolean thinking) {
    this.defaultSystem = defaultSystem;
    this.hermesTools = hermesTools;
    this.imSep = imSep;
    this.thinking = thinking;
  }

  @Override
  public ChatFamily family() {
    return ChatFamily.CHATML;
  }

  @Override
  public boolean supportsTools() {
    return hermesTools;
  }

  /** The system prompt used when the conversation has none, if the template defines one. */
  @Nullable String defaultSystem() {
    return defaultSystem;
  }

  private String open(String role) {
    return "<|im_start|>" + role + (imSep ? "<|im_sep|>" : "\n");
  }

  private String close() {
    return imSep ? "<|im_end|>" : "<|im_end|>\n";
  }

  @Override
  public String render(List<Msg> messages, List<ToolSpec> tools, boolean addGenerationPrompt) {
    Templates.checkArguments(messages, tools);
    if (!hermesTools) {
      Templates.requireNoTools(family(), messages, tools);
    }
    StringBuilder sb = new StringBuilder();
    boolean firstIsSystem = !messages.isEmpty() && messages.get(0).is("system");
    appendSystem(sb, firstIsSystem ? messages.get(0).content() : defaultSystem, tools);
    int lastQuery = thinking ? Reasoning.lastQueryIndex(messages) : -1;
    for (int i = firstIsSystem ? 1 : 0; i < messages.size(); i++) {
      appendMessage(sb, messages, i, lastQuery);
    }
    if (addGenerationPrompt) {
      sb.append(open("assistant"));
    }
    return sb.toString();
  }

  private void appendMessage(StringBuilder sb, List<Msg> messages, int i, int lastQuery) {
    Msg m = messages.get(i);
    if (m.is("tool")) {
      boolean first = i == 0 || !messages.get(i - 1).is("tool");
      boolean last = i == messages.size() - 1 || !messages.get(i + 1).is("tool");
      sb.append(first ? "<|im_start|>user" : "")
          .append("\n<tool_response>\n")
          .append(m.content())
          .append("\n</tool_response>")
          .append(last ? "<|im_end|>\n" : "");
    } else if (m.is("assistant") && thinking) {
      Reasoning r = Reasoning.split(m.content());
      boolean keep = i > lastQuery && (i == messages.size() - 1 || !r.reasoning().isEmpty());
      sb.append("<|im_start|>assistant\n");
      if (keep) {
        sb.append("<think>\n")
            .append(Reasoning.strip(r.reasoning(), true, true))
            .append("\n</think>\n\n")
            .append(Reasoning.strip(r.content(), true, false));
      } else {
        sb.append(r.content());
      }
      appendToolCalls(sb, m.toolCalls(), !r.content().isEmpty());
      sb.append("<|im_end|>\n");
    } else if (m.is("assistant") && !m.toolCalls().isEmpty()) {
      sb.append("<|im_start|>assistant");
      if (!m.content().isEmpty()) {
        sb.append('\n').append(m.content());
      }
      appendToolCalls(sb, m.toolCalls(), true);
      sb.append("<|im_end|>\n");
    } else {
      sb.append(open(m.role())).append(m.content()).append(close());
    }
  }

  /** The system turn: the system prompt (given or default) and, with tools, the tools section. */
  private void appendSystem(StringBuilder sb, @Nullable String system, List<ToolSpec> tools) {
    if (!tools.isEmpty()) {
      sb.append(open("system"));
      if (system != null) {
        sb.append(system).append("\n\n");
      }
      sb.append(TOOLS_HEADER);
      for (ToolSpec tool : tools) {
        sb.append('\n').append(Json.write(tool.toDefinition()));
      }
      sb.append(TOOLS_FOOTER).append(close());
    } else if (system != null) {
      sb.append(open("system")).append(system).append(close());
    }
  }

  /**
   * Qwen2.5 puts a newline before every call; Qwen3 not before the first one when there is no
   * content.
   */
  private static void appendToolCalls(
      StringBuilder sb, List<ToolCallSpec> calls, boolean newlineBeforeFirst) {
    for (int k = 0; k < calls.size(); k++) {
      ToolCallSpec call = calls.get(k);
      if (k > 0 || newlineBeforeFirst) {
        sb.append('\n');
      }
      sb.append("<tool_call>\n{\"name\": \"")
          .append(call.name())
          .append("\", \"arguments\": ")
          .append(Json.write(call.arguments()))
          .append("}\n</tool_call>");
    }
  }

  @Override
  public boolean thinking() {
    return thinking;
  }

  @Override
  public ParsedReply parseReply(String generated) {
    String text = generated;
    String reasoning = "";
    if (thinking && text.contains("</think>")) {
      Reasoning r = Reasoning.split(text);
      reasoning = r.reasoning().strip();
      text = r.content();
    }
    ParsedReply reply =
        hermesTools ? ToolCallParser.parseHermes(text) : ChatTemplate.super.parseReply(text);
    return new ParsedReply(reply.content(), reply.toolCalls(), reasoning);
  }
}
