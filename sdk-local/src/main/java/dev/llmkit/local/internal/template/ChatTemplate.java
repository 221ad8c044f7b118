package dev.llmkit.local.internal.template;

import java.util.List;

/**
 * Renders messages into the prompt text a model was trained on. Obtain one from {@link
 * TemplateSelection#forModel} (the model's Jinja template, {@link JinjaChatTemplate}) or, for the
 * built-in family renderers, {@link ChatTemplates#detect} / {@link ChatTemplates#of}.
 *
 * <p>{@link #render} never starts with the BOS text when the tokenizer adds BOS: encode it with
 * {@code tokenizer.encode(prompt, true, true)} so BOS is added where the model's metadata asks for
 * it and control tokens written in the text (e.g. {@code <|im_start|>}, or the {@code <s>} a
 * template writes for a tokenizer that adds none) become single ids; chat requests instead pass
 * message texts through {@code tokenizer.quote} and encode with {@code encodeQuoted}, so control
 * tokens come only from the template. Implementations are immutable and thread-safe.
 */
public sealed interface ChatTemplate
    permits ChatMlTemplate,
        Llama3Template,
        InstTemplate,
        Phi3Template,
        GemmaTemplate,
        PlainTemplate,
        JinjaChatTemplate {

  /** The detected format. */
  ChatFamily family();

  /** Whether {@link #render} accepts tools, assistant tool calls and "tool" messages. */
  boolean supportsTools();

  /** Texts that end an assistant turn (same as {@code family().stopStrings()}). */
  default List<String> stopStrings() {
    return family().stopStrings();
  }

  /**
   * Renders the conversation.
   *
   * @param addGenerationPrompt end with the header that starts an assistant turn
   * @throws IllegalArgumentException if tools or tool messages are given to a template without tool
   *     support, or the template's constraints are violated (e.g. Llama 3.1 allows one call per
   *     assistant message); the message says which
   */
  String render(List<Msg> messages, List<ToolSpec> tools, boolean addGenerationPrompt);

  /**
   * The prompt exactly as the template writes it, BOS text included where the template writes it
   * ({@link #render} leaves a leading BOS to the tokenizer). The built-in family renderers never
   * write BOS, so for them this is {@link #render}.
   */
  default String renderExact(
      List<Msg> messages, List<ToolSpec> tools, boolean addGenerationPrompt) {
    return render(messages, tools, addGenerationPrompt);
  }

  /** Whether replies start with reasoning in {@code <think>...</think>} (Qwen3, DeepSeek-R1). */
  default boolean thinking() {
    return false;
  }

  /** Renders without tools. */
  default String render(List<Msg> messages, boolean addGenerationPrompt) {
    return render(messages, List.of(), addGenerationPrompt);
  }

  /**
   * Splits generated text into content and tool calls in this family's tool-call format (Hermes
   * {@code <tool_call>} JSON for ChatML, a bare JSON object for Llama 3.1); families without tool
   * support return the text as content.
   */
  default ParsedReply parseReply(String generated) {
    return new ParsedReply(generated.strip(), List.of());
  }
}
