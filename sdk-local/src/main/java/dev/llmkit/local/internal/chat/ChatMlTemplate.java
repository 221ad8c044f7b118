package dev.llmkit.local.internal.chat;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * ChatML, as in the Qwen2 / Qwen2.5 / SmolLM2 templates: an optional default system prompt when the
 * conversation has none, and with tools the Hermes format of Qwen2.5 ({@code <tools>} JSON lines in
 * the system turn, {@code <tool_call>} JSON in assistant turns, {@code <tool_response>} blocks in a
 * user turn). The Phi-4 variant separates role and content with {@code <|im_sep|>} and puts no
 * newline between turns.
 */
final class ChatMlTemplate implements ChatTemplate {
  private static final String TOOLS_HEADER = "# Tools\n\nYou may call one or more functions to assist with the user query."
      + "\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>";
  private static final String TOOLS_FOOTER = "\n</tools>\n\nFor each function call, return a json object with function"
      + " name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n"
      + "{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

  private final @Nullable String defaultSystem;
  private final boolean hermesTools;
  private final boolean imSep;

  ChatMlTemplate(@Nullable String defaultSystem, boolean hermesTools, boolean imSep) {
    this.defaultSystem = defaultSystem;
    this.hermesTools = hermesTools;
    this.imSep = imSep;
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
    String system = firstIsSystem ? messages.get(0).content() : defaultSystem;
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
    for (int i = firstIsSystem ? 1 : 0; i < messages.size(); i++) {
      Msg m = messages.get(i);
      if (m.is("tool")) {
        boolean first = i == 0 || !messages.get(i - 1).is("tool");
        boolean last = i == messages.size() - 1 || !messages.get(i + 1).is("tool");
        sb.append(first ? "<|im_start|>user" : "")
            .append("\n<tool_response>\n").append(m.content()).append("\n</tool_response>")
            .append(last ? "<|im_end|>\n" : "");
      } else if (m.is("assistant") && !m.toolCalls().isEmpty()) {
        sb.append("<|im_start|>assistant");
        if (!m.content().isEmpty()) {
          sb.append('\n').append(m.content());
        }
        for (ToolCallSpec call : m.toolCalls()) {
          sb.append("\n<tool_call>\n{\"name\": \"").append(call.name()).append("\", \"arguments\": ")
              .append(Json.write(call.arguments())).append("}\n</tool_call>");
        }
        sb.append("<|im_end|>\n");
      } else {
        sb.append(open(m.role())).append(m.content()).append(close());
      }
    }
    if (addGenerationPrompt) {
      sb.append(open("assistant"));
    }
    return sb.toString();
  }

  @Override
  public ParsedReply parseReply(String generated) {
    return hermesTools ? ToolCallParser.parseHermes(generated) : ChatTemplate.super.parseReply(generated);
  }
}
