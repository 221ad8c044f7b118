package dev.llmkit.local.internal.service;

import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ContentPart;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.chat.Role;
import dev.llmkit.local.internal.chat.ChatTemplate;
import dev.llmkit.local.internal.chat.Msg;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link ChatRequest}'s messages with the model's chat template and checks options. */
final class ChatPrompts {
  private ChatPrompts() {}

  /** The prompt text; throws InvalidRequestException for what the local provider cannot do. */
  static String render(ChatTemplate template, ChatRequest request) {
    if (!request.tools().isEmpty()) {
      throw RequestMapper.invalid("tools", "the local provider does not support tools yet;"
          + " remove them or use a provider that does (e.g. openai)");
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
      return template.render(messages, true);
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
    return new Msg(name, text, List.of(), null, m.name().orElse(null));
  }

  /** Whether the request asks for JSON mode; rejects a JSON schema, which is not enforced. */
  static boolean jsonMode(ChatRequest request) {
    ResponseFormat format = request.responseFormat();
    if (format == null || "text".equals(format.type())) {
      return false;
    }
    if ("json_object".equals(format.type())) {
      return true;
    }
    throw RequestMapper.invalid("response_format", "the local provider supports response_format"
        + " 'text' and 'json_object', not '" + format.type() + "'");
  }
}
