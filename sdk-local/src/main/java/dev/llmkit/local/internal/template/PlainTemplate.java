package dev.llmkit.local.internal.template;

import java.util.List;
import java.util.Locale;

/**
 * The fallback for models without a recognised template: one {@code "Role: content\n"} line per
 * message ("System", "User", "Assistant", "Tool"; other roles capitalised likewise) and, with a
 * generation prompt, a final {@code "Assistant:"}. Generation should stop at {@code "\nUser:"}.
 */
final class PlainTemplate implements ChatTemplate {
  @Override
  public ChatFamily family() {
    return ChatFamily.PLAIN;
  }

  @Override
  public boolean supportsTools() {
    return false;
  }

  @Override
  public String render(List<Msg> messages, List<ToolSpec> tools, boolean addGenerationPrompt) {
    Templates.checkArguments(messages, tools);
    Templates.requireNoTools(family(), messages, tools);
    StringBuilder sb = new StringBuilder();
    for (Msg m : messages) {
      sb.append(label(m.role())).append(": ").append(m.content()).append('\n');
    }
    if (addGenerationPrompt) {
      sb.append("Assistant:");
    }
    return sb.toString();
  }

  private static String label(String role) {
    return role.isEmpty()
        ? role
        : role.substring(0, 1).toUpperCase(Locale.ROOT) + role.substring(1);
  }
}
