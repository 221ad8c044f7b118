package dev.llmkit.local.internal.chat;

import java.util.List;

/**
 * {@code [INST]} formats. Llama 2 chat (Meta's template): the system prompt is wrapped in
 * {@code <<SYS>>} inside the first user turn, turns are stripped, an assistant turn is
 * {@code " answer </s>"} and every later user turn starts with a literal {@code <s>}. Mistral
 * (Mistral-7B-Instruct v0.2 / Mixtral template): {@code [INST] user [/INST]answer</s>}; that
 * template rejects system messages, so a system prompt is put before the first user message,
 * separated by a blank line, as Mistral's later templates do.
 *
 * <p>There is no separate generation prompt: the text after {@code [/INST]} is the assistant's.
 */
final class InstTemplate implements ChatTemplate {
  private final boolean llama2;

  InstTemplate(boolean llama2) {
    this.llama2 = llama2;
  }

  @Override
  public ChatFamily family() {
    return llama2 ? ChatFamily.LLAMA2 : ChatFamily.MISTRAL;
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
    StringBuilder sb = new StringBuilder();
    boolean firstUser = true;
    for (int i = start; i < messages.size(); i++) {
      Msg m = messages.get(i);
      String content = m.content();
      if (system != null && i == start) {
        content = llama2 ? "<<SYS>>\n" + system + "\n<</SYS>>\n\n" + content : system + "\n\n" + content;
      }
      if (m.is("user")) {
        if (llama2) {
          sb.append(firstUser ? "" : "<s>").append("[INST] ").append(content.strip()).append(" [/INST]");
        } else {
          sb.append("[INST] ").append(content).append(" [/INST]");
        }
        firstUser = false;
      } else if (m.is("assistant")) {
        sb.append(llama2 ? " " + content.strip() + " </s>" : content + "</s>");
      } else {
        throw new IllegalArgumentException("messages[" + i + "] has role '" + m.role()
            + "'; the " + family() + " template renders only a leading system message, user and assistant");
      }
    }
    return sb.toString();
  }
}
