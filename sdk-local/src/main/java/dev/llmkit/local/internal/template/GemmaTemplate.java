package dev.llmkit.local.internal.template;

import java.util.List;

/**
 * Gemma turns ({@code <start_of_turn>role\ncontent<end_of_turn>\n}, the assistant role is "model",
 * content is trimmed). A system message is folded into the first turn as {@code system + "\n\n"},
 * as Gemma 3's template does (Gemma 2's rejects it).
 */
final class GemmaTemplate implements ChatTemplate {
  @Override
  public ChatFamily family() {
    return ChatFamily.GEMMA;
  }

  @Override
  public boolean supportsTools() {
    return false;
  }

  @Override
  public String render(List<Msg> messages, List<ToolSpec> tools, boolean addGenerationPrompt) {
    Templates.checkArguments(messages, tools);
    Templates.requireNoTools(family(), messages, tools);
    String prefix = "";
    int start = 0;
    if (!messages.isEmpty() && messages.get(0).is("system")) {
      prefix = messages.get(0).content() + "\n\n";
      start = 1;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = start; i < messages.size(); i++) {
      Msg m = messages.get(i);
      String role = m.is("assistant") ? "model" : m.role();
      sb.append("<start_of_turn>")
          .append(role)
          .append('\n')
          .append(i == start ? prefix : "")
          .append(m.content().strip())
          .append("<end_of_turn>\n");
    }
    if (addGenerationPrompt) {
      sb.append("<start_of_turn>model\n");
    }
    return sb.toString();
  }
}
