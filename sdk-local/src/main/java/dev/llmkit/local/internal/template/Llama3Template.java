package dev.llmkit.local.internal.template;

import dev.llmkit.local.internal.json.Json;
import java.util.List;
import java.util.function.Supplier;

/**
 * Llama 3 headers. The 3.1+ variant (templates mentioning "Cutting Knowledge Date") always opens
 * with a system turn carrying the knowledge cutoff and date, and renders tools the way Llama 3.1's
 * template does by default ({@code tools_in_user_message}): the JSON definitions, indented by 4, go
 * into the first user turn; an assistant call is {@code {"name": ..., "parameters": ...}}; a tool
 * result is an {@code ipython} turn holding the result as a JSON string.
 */
final class Llama3Template implements ChatTemplate {
  private static final String TOOLS_IN_USER =
      "Given the following functions, please respond with a JSON for a"
          + " function call with its proper arguments that best answers the given prompt.\n\n"
          + "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and its value}."
          + "Do not use variables.\n\n";

  private final boolean v31;
  private final Supplier<String> dateString;

  /**
   * @param v31 the Llama 3.1+ system header and tool format
   * @param dateString the "Today Date" value, e.g. "26 Jul 2024"
   */
  Llama3Template(boolean v31, Supplier<String> dateString) {
    this.v31 = v31;
    this.dateString = dateString;
  }

  @Override
  public ChatFamily family() {
    return ChatFamily.LLAMA3;
  }

  @Override
  public boolean supportsTools() {
    return v31;
  }

  private static String header(String role) {
    return "<|start_header_id|>" + role + "<|end_header_id|>\n\n";
  }

  @Override
  public String render(List<Msg> messages, List<ToolSpec> tools, boolean addGenerationPrompt) {
    Templates.checkArguments(messages, tools);
    StringBuilder sb = new StringBuilder();
    int next = 0;
    if (v31) {
      next = appendSystemAndTools(sb, messages, tools);
    } else {
      Templates.requireNoTools(family(), messages, tools);
    }
    for (int i = next; i < messages.size(); i++) {
      Msg m = messages.get(i);
      if (m.is("tool") || m.is("ipython")) {
        sb.append(header("ipython")).append(Json.write(m.content())).append("<|eot_id|>");
      } else if (!m.toolCalls().isEmpty()) {
        if (m.toolCalls().size() != 1) {
          throw new IllegalArgumentException(
              "messages["
                  + i
                  + "] has "
                  + m.toolCalls().size()
                  + " tool calls; the Llama 3.1 template allows one per assistant message");
        }
        ToolCallSpec call = m.toolCalls().get(0);
        sb.append(header("assistant"))
            .append("{\"name\": \"")
            .append(call.name())
            .append("\", \"parameters\": ")
            .append(Json.write(call.arguments()))
            .append("}<|eot_id|>");
      } else {
        sb.append(header(m.role())).append(m.content().strip()).append("<|eot_id|>");
      }
    }
    if (addGenerationPrompt) {
      sb.append(header("assistant"));
    }
    return sb.toString();
  }

  /** The 3.1 system turn and, with tools, the first user turn; returns the next message index. */
  private int appendSystemAndTools(StringBuilder sb, List<Msg> messages, List<ToolSpec> tools) {
    int next = 0;
    String system = "";
    if (!messages.isEmpty() && messages.get(0).is("system")) {
      system = messages.get(0).content().strip();
      next = 1;
    }
    sb.append(header("system"));
    if (!tools.isEmpty()) {
      sb.append("Environment: ipython\n");
    }
    sb.append("Cutting Knowledge Date: December 2023\n")
        .append("Today Date: ")
        .append(dateString.get())
        .append("\n\n")
        .append(system)
        .append("<|eot_id|>");
    if (tools.isEmpty()) {
      return next;
    }
    if (next >= messages.size()) {
      throw new IllegalArgumentException(
          "Llama 3.1 puts tools into the first user message, but there is no message after the system one");
    }
    sb.append(header("user")).append(TOOLS_IN_USER);
    for (ToolSpec tool : tools) {
      sb.append(Json.writePretty(tool.toDefinition(), 4)).append("\n\n");
    }
    sb.append(messages.get(next).content().strip()).append("<|eot_id|>");
    return next + 1;
  }

  @Override
  public ParsedReply parseReply(String generated) {
    return v31
        ? ToolCallParser.parseLlamaJson(generated)
        : ChatTemplate.super.parseReply(generated);
  }
}
