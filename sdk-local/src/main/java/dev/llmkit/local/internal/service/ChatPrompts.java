package dev.llmkit.local.internal.service;

import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ContentPart;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolDefinition;
import dev.llmkit.local.internal.json.Json;
import dev.llmkit.local.internal.template.ChatTemplate;
import dev.llmkit.local.internal.template.ChatTemplateException;
import dev.llmkit.local.internal.template.Msg;
import dev.llmkit.local.internal.template.ToolCallSpec;
import dev.llmkit.local.internal.template.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Renders a {@link ChatRequest}'s messages with the model's chat template and checks options. */
public final class ChatPrompts {
  private ChatPrompts() {}

  /** Whether the request offers tools the model may call; see {@link ChatConstraints#toolMode}. */
  static boolean toolMode(ChatTemplate template, ChatRequest request) {
    return ChatConstraints.toolMode(template, request);
  }

  /** The prompt text; throws InvalidRequestException for what the local provider cannot do. */
  static String render(ChatTemplate template, ChatRequest request) {
    return render(template, request, true, false, UnaryOperator.identity());
  }

  /**
   * The prompt text with every text that comes from the request's messages (content, names,
   * tool-call ids and arguments) passed through {@code quote} first, e.g. the tokenizer's {@code
   * quote} so that special-token text in content stays plain text.
   */
  static String render(ChatTemplate template, ChatRequest request, UnaryOperator<String> quote) {
    return render(template, request, true, false, quote);
  }

  /**
   * The prompt exactly as the template writes it (BOS text included where the template writes it),
   * for showing; throws InvalidRequestException like {@link #render}.
   */
  public static String renderExact(
      ChatTemplate template, ChatRequest request, boolean addGenerationPrompt) {
    return render(template, request, addGenerationPrompt, true, UnaryOperator.identity());
  }

  private static String render(
      ChatTemplate template,
      ChatRequest request,
      boolean addGenerationPrompt,
      boolean exact,
      UnaryOperator<String> quote) {
    List<ToolSpec> tools = new ArrayList<>();
    if (toolMode(template, request)) {
      for (ToolDefinition t : request.tools()) {
        FunctionDefinition f = t.function();
        tools.add(
            new ToolSpec(
                f.name(),
                f.description().orElse(null),
                f.parameters().isEmpty() ? null : Json.write(f.parameters())));
      }
    }
    List<Msg> messages = new ArrayList<>(request.messages().size());
    for (ChatMessage m : request.messages()) {
      for (ContentPart part : m.contentParts()) {
        if (!ContentPart.TEXT.equals(part.type())) {
          throw RequestMapper.invalid(
              "messages",
              "the local provider accepts only text content;"
                  + " a message has a '"
                  + part.type()
                  + "' part");
        }
      }
      messages.add(toMsg(m, quote));
    }
    try {
      return exact
          ? template.renderExact(messages, tools, addGenerationPrompt)
          : template.render(messages, tools, addGenerationPrompt);
    } catch (ChatTemplateException e) {
      throw RequestMapper.invalid(
          "messages",
          "the model's chat template rejected the" + " conversation: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw RequestMapper.invalid(
          "messages",
          "the model's chat template ("
              + template.family()
              + ") cannot render these messages: "
              + e.getMessage());
    }
  }

  private static Msg toMsg(ChatMessage m, UnaryOperator<String> quote) {
    Role role = m.role();
    String text = quote.apply(m.text());
    if (Role.TOOL.equals(role)) {
      return Msg.tool(quote.apply(m.toolCallId().orElse("")), text);
    }
    String name = Role.DEVELOPER.equals(role) ? "system" : role.value();
    List<ToolCallSpec> calls = new ArrayList<>();
    for (ToolCall call : m.toolCalls()) {
      calls.add(
          new ToolCallSpec(
              quote.apply(call.id()), quote.apply(call.name()), quote.apply(call.arguments())));
    }
    return new Msg(name, text, calls, null, m.name().map(quote).orElse(null));
  }
}
