package dev.llmkit.local;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.local.internal.Args;
import dev.llmkit.local.internal.engine.ModelInfo;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.jinja.JinjaException;
import dev.llmkit.local.internal.service.ChatPrompts;
import dev.llmkit.local.internal.template.ChatTemplate;
import dev.llmkit.local.internal.template.TemplateSelection;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.function.Supplier;

/**
 * Renders chat requests to prompt text without loading a model's weights: with a Jinja chat
 * template and special tokens ({@link #of}), or with a GGUF file's own template ({@link
 * #fromModel}). The text is what {@link LocalClient#renderPrompt} gives for the same model, and
 * what Hugging Face transformers' {@code apply_chat_template} renders (BOS included where the
 * template writes it).
 *
 * <pre>{@code
 * LocalChatTemplate t = LocalChatTemplate.fromModel(Path.of("qwen2.5-0.5b-instruct-q8_0.gguf"));
 * String prompt = t.render(request);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LocalChatTemplate {
  private final ChatTemplate template;

  private LocalChatTemplate(ChatTemplate template) {
    this.template = template;
  }

  /**
   * A Jinja chat template with the texts of the BOS and EOS tokens it receives.
   *
   * @throws IllegalArgumentException if the source is not Jinja this engine can execute
   */
  public static LocalChatTemplate of(String jinja, String bosToken, String eosToken) {
    return of(jinja, bosToken, eosToken, ZonedDateTime::now);
  }

  /** {@link #of(String, String, String)} whose {@code strftime_now} reads {@code clock} (tests). */
  static LocalChatTemplate of(
      String jinja, String bosToken, String eosToken, Supplier<ZonedDateTime> clock) {
    Args.notNull(jinja, "jinja");
    Args.notNull(bosToken, "bosToken");
    Args.notNull(eosToken, "eosToken");
    try {
      return new LocalChatTemplate(
          TemplateSelection.jinja("template", jinja, null, bosToken, eosToken, false, clock));
    } catch (JinjaException e) {
      throw new IllegalArgumentException(
          "the chat template cannot be executed: " + e.getMessage(), e);
    }
  }

  /**
   * The chat template of a GGUF file and its special tokens, chosen as {@link LocalClient} chooses
   * it (the model's {@code tokenizer.chat_template}, else a built-in format with a warning).
   *
   * @throws dev.llmkit.ModelLoadException if the file is missing or not a GGUF model
   */
  public static LocalChatTemplate fromModel(Path gguf) {
    Args.notNull(gguf, "gguf");
    try (GgufFile file = GgufFile.open(gguf)) {
      Tokenizer tokenizer = Tokenizer.fromMetadata(file.metadata());
      return new LocalChatTemplate(
          TemplateSelection.forModel(
              ModelInfo.idOf(gguf), file.metadata(), tokenizer.vocabulary(), null));
    }
  }

  /** {@link #render(ChatRequest, boolean)} with the generation prompt. */
  public String render(ChatRequest request) {
    return render(request, true);
  }

  /**
   * The prompt text for the request's messages and tools. Tool-call arguments (JSON strings in a
   * request) reach the template as objects.
   *
   * @param addGenerationPrompt end with the header that starts the assistant's turn
   * @throws dev.llmkit.InvalidRequestException if the template raises (its message is kept), or the
   *     request has what the local provider cannot render (e.g. image parts)
   */
  public String render(ChatRequest request, boolean addGenerationPrompt) {
    Args.notNull(request, "request");
    return ChatPrompts.renderExact(template, request, addGenerationPrompt);
  }
}
