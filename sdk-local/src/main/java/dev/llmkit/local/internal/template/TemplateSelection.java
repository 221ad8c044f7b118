package dev.llmkit.local.internal.template;

import dev.llmkit.local.internal.gguf.GgufMetadata;
import dev.llmkit.local.internal.jinja.JinjaException;
import dev.llmkit.local.internal.jinja.JinjaTemplate;
import dev.llmkit.local.internal.tokenizer.Vocabulary;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Chooses how a model's prompts are rendered:
 *
 * <ol>
 *   <li>the override ({@code llmkit.local.chat-template}): a family name ({@code chatml}, {@code
 *       llama3}, {@code llama2}, {@code mistral}, {@code phi3}, {@code gemma}, {@code plain})
 *       selects that built-in renderer, anything else is read as a Jinja file;
 *   <li>else the GGUF's {@code tokenizer.chat_template}, executed by the Jinja engine (with {@code
 *       tokenizer.chat_template.tool_use} for requests with tools);
 *   <li>else, when the model has no template or the engine cannot execute it, the built-in renderer
 *       of the family recognised in the template ({@link ChatTemplates#detect}), after a WARNING
 *       naming the model and the fallback.
 * </ol>
 */
public final class TemplateSelection {
  /** The GGUF key of the named template used with tools. */
  public static final String TOOL_USE_KEY = ChatTemplates.METADATA_KEY + ".tool_use";

  private static final System.Logger LOG = System.getLogger("dev.llmkit.local");
  private static final List<Msg> PROBE = List.of(Msg.user("Hello"));

  private TemplateSelection() {}

  /** The family names the override accepts. */
  public static String familyNames() {
    return Arrays.stream(ChatFamily.values())
        .map(f -> f.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  /**
   * The renderer for a loaded model.
   *
   * @param override a family name or a Jinja file path, or null
   * @throws IllegalArgumentException if the override is neither a family name nor a readable, valid
   *     Jinja file
   */
  public static ChatTemplate forModel(
      String modelName, GgufMetadata metadata, Vocabulary vocabulary, @Nullable String override) {
    String bos = tokenText(vocabulary, vocabulary.bosId());
    String eos = tokenText(vocabulary, vocabulary.eosId());
    if (override != null) {
      Optional<ChatFamily> family = family(override);
      if (family.isPresent()) {
        return ChatTemplates.of(family.get());
      }
      String source = readOverride(override);
      try {
        return jinja(modelName, source, null, bos, eos, vocabulary.addBos());
      } catch (JinjaException e) {
        throw new IllegalArgumentException(
            "llmkit.local.chat-template: "
                + override
                + " is not a template this engine can execute: "
                + e.getMessage(),
            e);
      }
    }
    String source = metadata.getString(ChatTemplates.METADATA_KEY).orElse(null);
    if (source == null || source.isBlank()) {
      LOG.log(
          Level.WARNING,
          "model "
              + modelName
              + " has no chat template ("
              + ChatTemplates.METADATA_KEY
              + "); using the built-in PLAIN prompt format"
              + " (\"User: ...\\nAssistant:\"); set llmkit.local.chat-template to choose one");
      return ChatTemplates.detect(null);
    }
    String toolUse = metadata.getString(TOOL_USE_KEY).orElse(null);
    JinjaException failure;
    try {
      JinjaChatTemplate t = jinja(modelName, source, toolUse, bos, eos, vocabulary.addBos());
      failure = t.probe(PROBE);
      if (failure == null) {
        return t;
      }
    } catch (JinjaException e) {
      failure = e;
    }
    ChatTemplate fallback = ChatTemplates.detect(source);
    LOG.log(
        Level.WARNING,
        "model "
            + modelName
            + ": its chat template cannot be executed ("
            + failure.getMessage()
            + "); falling back to the built-in "
            + fallback.family()
            + " prompt format; set llmkit.local.chat-template to override");
    return fallback;
  }

  /**
   * A renderer for a Jinja source with the given special-token texts.
   *
   * @throws JinjaException of a syntax kind when the engine cannot parse the template
   */
  public static JinjaChatTemplate jinja(
      String modelName,
      String source,
      @Nullable String toolUseSource,
      String bosToken,
      String eosToken,
      boolean tokenizerAddsBos) {
    return jinja(
        modelName, source, toolUseSource, bosToken, eosToken, tokenizerAddsBos, ZonedDateTime::now);
  }

  /**
   * {@link #jinja(String, String, String, String, String, boolean)} with the clock of {@code
   * strftime_now}.
   */
  public static JinjaChatTemplate jinja(
      String modelName,
      String source,
      @Nullable String toolUseSource,
      String bosToken,
      String eosToken,
      boolean tokenizerAddsBos,
      Supplier<ZonedDateTime> clock) {
    JinjaTemplate main = JinjaTemplate.parse(source, clock);
    JinjaTemplate toolUse = null;
    if (toolUseSource != null && !toolUseSource.isBlank()) {
      try {
        toolUse = JinjaTemplate.parse(toolUseSource, clock);
      } catch (JinjaException e) {
        LOG.log(
            Level.WARNING,
            "model "
                + modelName
                + ": its "
                + TOOL_USE_KEY
                + " template cannot be executed ("
                + e.getMessage()
                + "); using the default template");
      }
    }
    return new JinjaChatTemplate(
        modelName, source, main, toolUse, bosToken, eosToken, tokenizerAddsBos);
  }

  /** The family a name selects ("chatml", "LLAMA3"...), if it is one. */
  public static Optional<ChatFamily> family(String name) {
    for (ChatFamily f : ChatFamily.values()) {
      if (f.name().equalsIgnoreCase(name.strip())) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static String readOverride(String override) {
    Path path = Path.of(override);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "llmkit.local.chat-template is '"
              + override
              + "'; expected a family name ("
              + familyNames()
              + ") or the path of a Jinja file");
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "llmkit.local.chat-template: cannot read " + path + ": " + e, e);
    }
  }

  /** A special token's text, or "" when the vocabulary has none. */
  private static String tokenText(Vocabulary vocabulary, int id) {
    return id >= 0 && id < vocabulary.size() ? vocabulary.token(id) : "";
  }
}
