package dev.llmkit.local.internal.service;

import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ContentPart;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolDefinition;
import dev.llmkit.local.internal.chat.ChatTemplate;
import dev.llmkit.local.internal.chat.Json;
import dev.llmkit.local.internal.chat.Msg;
import dev.llmkit.local.internal.chat.ToolCallSpec;
import dev.llmkit.local.internal.chat.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link ChatRequest}'s messages with the model's chat template and checks options. */
final class ChatPrompts {
  private ChatPrompts() {}

  /** Whether the request offers tools the model may call; see {@link ChatConstraints#toolMode}. */
  static boolean toolMode(ChatTemplate template, ChatRequest request) {
    return ChatConstraints.toolMode(template, request);
  }

  /** The prompt text; throws InvalidRequestException for what the local provider cannot do. */
  static String render(ChatTemplate template, ChatRequest request) {
    List<ToolSpec> tools = new ArrayList<>();
    if (toolMode(template, request)) {
      for (ToolDefinition t : request.tools()) {
        FunctionDefinition f = t.function();
        tools.add(new ToolSpec(f.name(), f.description().orElse(null),
            f.parameters().isEmpty() ? null : Json.write(f.parameters())));
      }
    }
    List<Msg> messages = new ArrayList<>(request.messages().size());
    for (ChatMessage m : request.messages()) {
      for (ContentPart part : m.contentParts()) {
        if (!ContentPart.TEXT.equals(part.type())) {
          throw RequestMapper.invalid("messages", "the local provider accepts only text content;"
              + " a message has a '" + part.type() + "' part");
        }
      }
      messages.add(toMsg(m));
    }
    try {
      return template.render(messages, tools, true);
    } catch (IllegalArgumentException e) {
      throw RequestMapper.invalid("messages", "the model's chat template ("
          + template.family() + ") cannot render these messages: " + e.getMessage());
    }
  }

  private static Msg toMsg(ChatMessage m) {
    Role role = m.role();
    String text = m.text();
    if (Role.TOOL.equals(role)) {
      return Msg.tool(m.toolCallId().orElse(""), text);
    }
    String name = Role.DEVELOPER.equals(role) ? "system" : role.value();
    List<ToolCallSpec> calls = new ArrayList<>();
    for (ToolCall call : m.toolCalls()) {
      calls.add(new ToolCallSpec(call.id(), call.name(), call.arguments()));
    }
    return new Msg(name, text, calls, null, m.name().orElse(null));
  }
}
