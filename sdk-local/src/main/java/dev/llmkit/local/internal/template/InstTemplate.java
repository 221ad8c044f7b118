package dev.llmkit.local.internal.template;

import java.util.List;

/**
 * {@code [INST]} formats, one per official template generation:
 *
 * <ul>
 *   <li>{@link Variant#LLAMA2} (Meta's Llama 2 chat): the system prompt is wrapped in {@code
 *       <<SYS>>} inside the first user turn, turns are stripped, an assistant turn is {@code "
 *       answer </s>"} and every later user turn starts with a literal {@code <s>}.
 *   <li>{@link Variant#MISTRAL_V1} (Mistral-7B-Instruct v0.1/v0.2, Mixtral): {@code [INST] user
 *       [/INST]answer</s>}; those templates reject system messages, so a system prompt goes before
 *       the first user message, separated by a blank line.
 *   <li>{@link Variant#MISTRAL_V3} (v0.3, templates with {@code [AVAILABLE_TOOLS]}): {@code [INST]
 *       user[/INST] answer</s>}, the system prompt before the last user message.
 *   <li>{@link Variant#MISTRAL_V7} (templates with {@code [SYSTEM_PROMPT]}): {@code
 *       [SYSTEM_PROMPT]system[/SYSTEM_PROMPT][INST]user[/INST]answer</s>}.
 * </ul>
 *
 * <p>There is no separate generation prompt: the text after {@code [/INST]} is the assistant's.
 */
final class InstTemplate implements ChatTemplate {
  enum Variant {
    LLAMA2,
    MISTRAL_V1,
    MISTRAL_V3,
    MISTRAL_V7
  }

  private final Variant variant;

  InstTemplate(Variant variant) {
    this.variant = variant;
  }

  @Override
  public ChatFamily family() {
    return variant == Variant.LLAMA2 ? ChatFamily.LLAMA2 : ChatFamily.MISTRAL;
  }

  @Override
  public boolean supportsTools() {
    return false;
  }

  @Override
  public String render(List<Msg> messages, List<ToolSpec> tools, boolean addGenerationPrompt) {
    Templates.checkArguments(messages, tools);
    Templates.requireNoTools(family(), messages, tools);
    String system = null;
    int start = 0;
    if (!messages.isEmpty() && messages.get(0).is("system")) {
      system = messages.get(0).content();
      start = 1;
    }
    int systemAt = systemIndex(messages, start);
    StringBuilder sb = new StringBuilder();
    if (variant == Variant.MISTRAL_V7 && system != null) {
      sb.append("[SYSTEM_PROMPT]").append(system).append("[/SYSTEM_PROMPT]");
    }
    boolean firstUser = true;
    for (int i = start; i < messages.size(); i++) {
      Msg m = messages.get(i);
      String content = m.content();
      if (system != null && i == systemAt) {
        content =
            variant == Variant.LLAMA2
                ? "<<SYS>>\n" + system + "\n<</SYS>>\n\n" + content
                : system + "\n\n" + content;
      }
      if (m.is("user")) {
        appendUser(sb, content, firstUser);
        firstUser = false;
      } else if (m.is("assistant")) {
        appendAssistant(sb, content);
      } else {
        throw new IllegalArgumentException(
            "messages["
                + i
                + "] has role '"
                + m.role()
                + "'; the "
                + family()
                + " template renders only a leading system message, user and assistant");
      }
    }
    return sb.toString();
  }

  /** Where the system prompt is folded in; -1 when it has its own block (v7). */
  private int systemIndex(List<Msg> messages, int start) {
    switch (variant) {
      case MISTRAL_V7:
        return -1;
      case MISTRAL_V3:
        for (int i = messages.size() - 1; i >= start; i--) {
          if (messages.get(i).is("user")) {
            return i;
          }
        }
        return -1;
      default:
        return start;
    }
  }

  private void appendUser(StringBuilder sb, String content, boolean firstUser) {
    switch (variant) {
      case LLAMA2:
        sb.append(firstUser ? "" : "<s>")
            .append("[INST] ")
            .append(content.strip())
            .append(" [/INST]");
        break;
      case MISTRAL_V1:
        sb.append("[INST] ").append(content).append(" [/INST]");
        break;
      case MISTRAL_V3:
        sb.append("[INST] ").append(content).append("[/INST]");
        break;
      default:
        sb.append("[INST]").append(content).append("[/INST]");
    }
  }

  private void appendAssistant(StringBuilder sb, String content) {
    switch (variant) {
      case LLAMA2:
        sb.append(' ').append(content.strip()).append(" </s>");
        break;
      case MISTRAL_V3:
        sb.append(' ').append(content.strip()).append("</s>");
        break;
      default:
        sb.append(content).append("</s>");
    }
  }
}
