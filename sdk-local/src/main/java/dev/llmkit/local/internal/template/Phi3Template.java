package dev.llmkit.local.internal.template;

import java.util.List;

/**
 * Phi-3 / Phi-3.5 ({@code <|role|>\ncontent<|end|>\n}), after the Phi-3.5-mini-instruct template:
 * empty system messages are skipped and, without a generation prompt, the text ends with {@code
 * <|endoftext|>}.
 */
final class Phi3Template implements ChatTemplate {
  @Override
  public ChatFamily family() {
    return ChatFamily.PHI3;
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
      if (m.is("system") && m.content().isEmpty()) {
        continue;
      }
      sb.append("<|").append(m.role()).append("|>\n").append(m.content()).append("<|end|>\n");
    }
    sb.append(addGenerationPrompt ? "<|assistant|>\n" : "<|endoftext|>");
    return sb.toString();
  }
}
