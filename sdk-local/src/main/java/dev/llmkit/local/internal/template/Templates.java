package dev.llmkit.local.internal.template;

import java.util.List;
import java.util.Objects;

/** Checks shared by the template implementations. */
final class Templates {
  private Templates() {}

  static void checkArguments(List<Msg> messages, List<ToolSpec> tools) {
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(tools, "tools");
    for (int i = 0; i < messages.size(); i++) {
      Objects.requireNonNull(messages.get(i), "messages[" + i + "]");
    }
    for (int i = 0; i < tools.size(); i++) {
      Objects.requireNonNull(tools.get(i), "tools[" + i + "]");
    }
  }

  /** Rejects tools, tool calls and tool messages for a template that has no tool format. */
  static void requireNoTools(ChatFamily family, List<Msg> messages, List<ToolSpec> tools) {
    if (!tools.isEmpty()) {
      throw new IllegalArgumentException(
          "the " + family + " chat template has no tool format; tools must be empty");
    }
    for (int i = 0; i < messages.size(); i++) {
      Msg m = messages.get(i);
      if (!m.toolCalls().isEmpty() || m.is("tool")) {
        throw new IllegalArgumentException(
            "messages[" + i + "] uses tools, which the " + family + " chat template cannot render");
      }
    }
  }
}
