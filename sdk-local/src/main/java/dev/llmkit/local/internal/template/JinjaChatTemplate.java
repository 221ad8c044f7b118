package dev.llmkit.local.internal.template;

import dev.llmkit.local.internal.jinja.JinjaException;
import dev.llmkit.local.internal.jinja.JinjaTemplate;
import dev.llmkit.local.internal.json.Json;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Renders by executing the model's own Jinja chat template, as transformers' {@code
 * apply_chat_template} does: {@code messages} in OpenAI's shape (assistant tool calls with {@code
 * function.arguments} as an object, tool messages with {@code tool_call_id} and the called
 * function's {@code name}), {@code tools} (None without tools), {@code add_generation_prompt},
 * {@code bos_token}, {@code eos_token}. With tools, the named template {@code tool_use} is used
 * when the model has one.
 *
 * <p>BOS rule (llama.cpp's): {@link #renderExact} is the template's text, BOS included if the
 * template writes it; {@link #render}, the text that is tokenized, drops a leading BOS text when
 * the tokenizer adds BOS itself, so the prompt has exactly one BOS.
 *
 * <p>The template recognised by family ({@link ChatTemplates#detect}) supplies stop strings and
 * reply parsing (tool calls, {@code <think>} reasoning); it also renders when the Jinja template
 * hits something this engine cannot execute, after a one-time warning.
 */
public final class JinjaChatTemplate implements ChatTemplate {
  private static final System.Logger LOG = System.getLogger("dev.llmkit.local");

  private final String modelName;
  private final JinjaTemplate template;
  private final @Nullable JinjaTemplate toolUse;
  private final boolean rendersTools;
  private final String bosToken;
  private final String eosToken;
  private final boolean tokenizerAddsBos;
  private final boolean thinking;
  private final boolean systemTools;
  private final ChatTemplate fallback;
  private final AtomicBoolean warned = new AtomicBoolean();

  /**
   * @param source the Jinja source (already parsed into {@code template})
   * @param toolUse the named template {@code tool_use}, or null
   */
  JinjaChatTemplate(
      String modelName,
      String source,
      JinjaTemplate template,
      @Nullable JinjaTemplate toolUse,
      String bosToken,
      String eosToken,
      boolean tokenizerAddsBos) {
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.template = template;
    this.toolUse = toolUse;
    this.rendersTools = toolUse != null || source.contains("tools");
    this.bosToken = bosToken;
    this.eosToken = eosToken;
    this.tokenizerAddsBos = tokenizerAddsBos;
    this.thinking = source.contains("</think>");
    this.systemTools = source.contains("message['tools']") || source.contains("message.tools");
    this.fallback = ChatTemplates.detect(source);
  }

  @Override
  public ChatFamily family() {
    return fallback.family();
  }

  @Override
  public boolean supportsTools() {
    return rendersTools;
  }

  /** The family's stop strings; none when the family is unknown (the EOS token ends the turn). */
  @Override
  public List<String> stopStrings() {
    return family() == ChatFamily.PLAIN ? List.of() : fallback.stopStrings();
  }

  /** Whether the template writes reasoning in {@code <think>...</think>} (Qwen3, DeepSeek-R1). */
  @Override
  public boolean thinking() {
    return thinking || fallback.thinking();
  }

  @Override
  public String render(List<Msg> messages, List<ToolSpec> tools, boolean addGenerationPrompt) {
    String text = renderExact(messages, tools, addGenerationPrompt);
    return tokenizerAddsBos && !bosToken.isEmpty() && text.startsWith(bosToken)
        ? text.substring(bosToken.length())
        : text;
  }

  /**
   * The template's output, byte for byte.
   *
   * @throws ChatTemplateException when the template raises
   * @throws IllegalArgumentException when a tool call's arguments or a tool's parameters are not
   *     JSON objects
   */
  @Override
  public String renderExact(List<Msg> messages, List<ToolSpec> tools, boolean addGenerationPrompt) {
    Templates.checkArguments(messages, tools);
    Map<String, @Nullable Object> vars = variables(messages, tools, addGenerationPrompt);
    JinjaTemplate chosen = !tools.isEmpty() && toolUse != null ? toolUse : template;
    try {
      return renderArguments(chosen, vars, messages);
    } catch (JinjaException e) {
      if (!e.engineLimitation()) {
        throw new ChatTemplateException(e.detail());
      }
      if (warned.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING,
            "model "
                + modelName
                + ": its chat template cannot be executed ("
                + e.getMessage()
                + "); falling back to the built-in "
                + fallback.family()
                + " prompt format");
      }
      return fallback.render(messages, tools, addGenerationPrompt);
    }
  }

  /**
   * Renders with tool-call arguments as objects, as transformers expects; a template that fails on
   * them with a TypeError (it concatenates them as text, like Functionary's) gets the arguments as
   * the JSON strings of the request instead, as llama.cpp does.
   */
  private String renderArguments(
      JinjaTemplate chosen, Map<String, @Nullable Object> vars, List<Msg> messages) {
    try {
      return chosen.render(vars);
    } catch (JinjaException e) {
      if (e.kind() != JinjaException.Kind.TYPE
          || messages.stream().allMatch(m -> m.toolCalls().isEmpty())) {
        throw e;
      }
      vars.put("messages", messagesFor(messages, tools(vars), false));
      try {
        return chosen.render(vars);
      } catch (JinjaException retry) {
        throw e;
      }
    }
  }

  /**
   * Renders {@code messages} once; the engine's failure if it cannot execute the template, else
   * null.
   */
  @Nullable JinjaException probe(List<Msg> messages) {
    try {
      template.render(variables(messages, List.of(), true));
      return null;
    } catch (JinjaException e) {
      return e.engineLimitation() ? e : null;
    }
  }

  @Override
  public ParsedReply parseReply(String generated) {
    ParsedReply reply = fallback.parseReply(generated);
    if (!thinking || !reply.reasoning().isEmpty() || !generated.contains("</think>")) {
      return reply;
    }
    Reasoning r = Reasoning.split(generated);
    ParsedReply rest = fallback.parseReply(r.content());
    return new ParsedReply(rest.content(), rest.toolCalls(), r.reasoning().strip());
  }

  private Map<String, @Nullable Object> variables(
      List<Msg> messages, List<ToolSpec> tools, boolean addGenerationPrompt) {
    Map<String, @Nullable Object> vars = new HashMap<>();
    vars.put("tools", tools.isEmpty() ? null : definitions(tools));
    vars.put("messages", messagesFor(messages, tools(vars), true));
    vars.put("documents", null);
    vars.put("add_generation_prompt", addGenerationPrompt);
    vars.put("bos_token", bosToken);
    vars.put("eos_token", eosToken);
    return vars;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> tools(Map<String, @Nullable Object> vars) {
    Object tools = vars.get("tools");
    return tools == null ? List.of() : (List<Object>) tools;
  }

  /**
   * Messages as the template reads them. A template that shows tools only as a {@code tools} JSON
   * text on the system message (Phi-4-mini's, its model card's convention) gets them there, in a
   * system message put first if there is none, and, since it drops assistant tool calls, an
   * assistant turn's calls written after its content in the model's {@code functools[{"name": ...,
   * "arguments": {...}}]} form.
   */
  @SuppressWarnings("unchecked")
  private List<Object> messagesFor(
      List<Msg> messages, List<Object> definitions, boolean objectArguments) {
    List<Object> out = openAiMessages(messages, objectArguments, family() == ChatFamily.MISTRAL);
    if (!systemTools) {
      return out;
    }
    for (int i = 0; i < messages.size(); i++) {
      Msg m = messages.get(i);
      if (!m.toolCalls().isEmpty()) {
        List<Object> calls = new ArrayList<>();
        for (ToolCallSpec c : m.toolCalls()) {
          Map<String, Object> call = new LinkedHashMap<>();
          call.put("name", c.name());
          call.put("arguments", c.arguments());
          calls.add(call);
        }
        Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) out.get(i);
        map.put("content", m.content() + "functools" + Json.write(calls));
      }
    }
    if (!definitions.isEmpty()) {
      List<Object> functions = new ArrayList<>();
      for (Object d : definitions) {
        functions.add(((Map<String, Object>) d).get("function"));
      }
      Map<String, @Nullable Object> system;
      if (!out.isEmpty() && "system".equals(((Map<String, Object>) out.get(0)).get("role"))) {
        system = (Map<String, @Nullable Object>) out.get(0);
      } else {
        system = new LinkedHashMap<>();
        system.put("role", "system");
        system.put("content", "");
        out.add(0, system);
      }
      system.put("tools", Json.write(functions));
    }
    return out;
  }

  /**
   * Messages in OpenAI's shape. {@code shortIds}: Mistral's templates accept only call ids of 9
   * letters and digits, so other ids (OpenAI's {@code call_...}) are written as 9 characters
   * derived from them, the same for a call and for the tool message answering it.
   */
  private static List<Object> openAiMessages(
      List<Msg> messages, boolean objectArguments, boolean shortIds) {
    Map<String, String> callNames = new HashMap<>();
    List<Object> out = new ArrayList<>(messages.size());
    for (Msg m : messages) {
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      map.put("role", m.role());
      if (m.toolCallId() != null) {
        map.put("tool_call_id", shortIds ? shortId(m.toolCallId()) : m.toolCallId());
      }
      String name =
          m.name() != null
              ? m.name()
              : m.toolCallId() != null ? callNames.get(m.toolCallId()) : null;
      if (name != null) {
        map.put("name", name);
      }
      map.put("content", m.content());
      if (!m.toolCalls().isEmpty()) {
        List<Object> calls = new ArrayList<>();
        for (ToolCallSpec c : m.toolCalls()) {
          Map<String, Object> function = new LinkedHashMap<>();
          function.put("name", c.name());
          function.put("arguments", objectArguments ? c.arguments() : c.argumentsJson());
          Map<String, Object> call = new LinkedHashMap<>();
          call.put("id", shortIds ? shortId(c.id()) : c.id());
          call.put("type", "function");
          call.put("function", function);
          calls.add(call);
          callNames.put(c.id(), c.name());
        }
        map.put("tool_calls", calls);
      }
      out.add(map);
    }
    return out;
  }

  private static String shortId(String id) {
    if (id.matches("[a-zA-Z0-9]{9}")) {
      return id;
    }
    String digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    java.util.UUID u =
        java.util.UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    long bits = u.getMostSignificantBits() ^ u.getLeastSignificantBits();
    StringBuilder b = new StringBuilder(9);
    for (int i = 0; i < 9; i++) {
      b.append(digits.charAt((int) Long.remainderUnsigned(bits, 62)));
      bits = Long.divideUnsigned(bits, 62);
    }
    return b.toString();
  }

  private static List<Object> definitions(List<ToolSpec> tools) {
    List<Object> out = new ArrayList<>(tools.size());
    for (ToolSpec t : tools) {
      out.add(t.toDefinition());
    }
    return out;
  }
}
