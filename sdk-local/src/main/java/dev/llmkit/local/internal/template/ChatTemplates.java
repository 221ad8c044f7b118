package dev.llmkit.local.internal.template;

import dev.llmkit.local.internal.gguf.GgufMetadata;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Chooses a {@link ChatTemplate} by looking for characteristic markers in a model's Jinja chat
 * template (the template itself is not executed):
 *
 * <ul>
 *   <li>{@code <|im_start|>}: ChatML; a default system prompt written in the template (such as
 *       Qwen2.5's "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.") is used
 *       when the conversation has none; {@code <tool_call>} enables Hermes tools; {@code
 *       <|im_sep|>} selects the Phi-4 variant; {@code <think>} the Qwen3 reasoning rules.
 *   <li>{@code <|start_header_id|>}: Llama 3; "Cutting Knowledge Date" selects the 3.1+ header and
 *       tools. The date is "26 Jul 2024" unless the template calls {@code strftime_now}, then today
 *       (UTC).
 *   <li>{@code <start_of_turn>}: Gemma. {@code <|user|>} with {@code <|end|>}: Phi-3.
 *   <li>{@code [INST]}: Llama 2 if it has {@code <<SYS>>}, else Mistral (v7 with {@code
 *       [SYSTEM_PROMPT]}, v0.3 with {@code [AVAILABLE_TOOLS]}, else v0.1/v0.2).
 *   <li>anything else, or no template: {@link ChatFamily#PLAIN}.
 * </ul>
 */
public final class ChatTemplates {
  /** The GGUF key holding the Jinja source. */
  public static final String METADATA_KEY = "tokenizer.chat_template";

  private static final Pattern CHATML_DEFAULT_SYSTEM =
      Pattern.compile("<\\|im_start\\|>system(?:\\\\n|\\n)([^'\"{}<>\\\\]+)<\\|im_end\\|>");
  private static final String LLAMA31_DEFAULT_DATE = "26 Jul 2024";

  /** Made when a Llama 3 template first needs it: a formatter costs a cold JVM several ms. */
  private static final class LlamaDate {
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ROOT);

    private LlamaDate() {}
  }

  private ChatTemplates() {}

  /** The template named by GGUF metadata ({@value #METADATA_KEY}), or the plain fallback. */
  public static ChatTemplate fromMetadata(GgufMetadata metadata) {
    Objects.requireNonNull(metadata, "metadata");
    return detect(metadata.getString(METADATA_KEY).orElse(null));
  }

  /** The template for a Jinja source; null or unrecognised gives {@link ChatFamily#PLAIN}. */
  public static ChatTemplate detect(@Nullable String jinja) {
    return detect(jinja, () -> LocalDate.now(ZoneOffset.UTC));
  }

  static ChatTemplate detect(@Nullable String jinja, Supplier<LocalDate> today) {
    if (jinja == null || jinja.isBlank()) {
      return new PlainTemplate();
    }
    if (jinja.contains("<|im_start|>")) {
      return new ChatMlTemplate(
          defaultSystem(jinja),
          jinja.contains("<tool_call>"),
          jinja.contains("<|im_sep|>"),
          jinja.contains("<think>"));
    }
    if (jinja.contains("<|start_header_id|>")) {
      boolean v31 = jinja.contains("Cutting Knowledge Date");
      Supplier<String> date =
          jinja.contains("strftime_now")
              ? () -> LlamaDate.FORMAT.format(today.get())
              : () -> LLAMA31_DEFAULT_DATE;
      return new Llama3Template(v31, date);
    }
    if (jinja.contains("<start_of_turn>")) {
      return new GemmaTemplate();
    }
    // Phi-4-mini writes its role tags as '<|' + message['role'] + '|>'
    if ((jinja.contains("<|user|>") || jinja.contains("'<|' + message['role'] + '|>'"))
        && jinja.contains("<|end|>")) {
      return new Phi3Template();
    }
    if (jinja.contains("[INST]")) {
      return new InstTemplate(
          jinja.contains("<<SYS>>")
              ? InstTemplate.Variant.LLAMA2
              : jinja.contains("[SYSTEM_PROMPT]")
                  ? InstTemplate.Variant.MISTRAL_V7
                  : jinja.contains("[AVAILABLE_TOOLS]")
                      ? InstTemplate.Variant.MISTRAL_V3
                      : InstTemplate.Variant.MISTRAL_V1);
    }
    return new PlainTemplate();
  }

  /** The template for a family, with no default system prompt; Llama 3 gets the 3.1 format. */
  public static ChatTemplate of(ChatFamily family) {
    Objects.requireNonNull(family, "family");
    switch (family) {
      case CHATML:
        return new ChatMlTemplate(null, true, false, false);
      case LLAMA3:
        return new Llama3Template(true, () -> LLAMA31_DEFAULT_DATE);
      case LLAMA2:
        return new InstTemplate(InstTemplate.Variant.LLAMA2);
      case MISTRAL:
        return new InstTemplate(InstTemplate.Variant.MISTRAL_V1);
      case PHI3:
        return new Phi3Template();
      case GEMMA:
        return new GemmaTemplate();
      default:
        return new PlainTemplate();
    }
  }

  private static @Nullable String defaultSystem(String jinja) {
    Matcher m = CHATML_DEFAULT_SYSTEM.matcher(jinja);
    return m.find() ? m.group(1) : null;
  }
}
