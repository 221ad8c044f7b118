package dev.llmkit.local.internal.service;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.chat.ToolChoice;
import dev.llmkit.chat.ToolDefinition;
import dev.llmkit.local.internal.engine.ConstraintCache;
import dev.llmkit.local.internal.engine.ConstraintSpec;
import dev.llmkit.local.internal.grammar.Grammar;
import dev.llmkit.local.internal.grammar.SchemaException;
import dev.llmkit.local.internal.grammar.TokenMasks;
import dev.llmkit.local.internal.grammar.ToolGrammar;
import dev.llmkit.local.internal.template.ChatTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides how a chat request's output is constrained: {@code response_format} json_object /
 * json_schema, or tool calls in the template's syntax ({@code tool_choice} "required" or a named
 * function: from the first token; "auto": once the model opens a call). Validates tools and tool
 * choice as OpenAI does, with the offending parameter named.
 */
final class ChatConstraints {
  private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private ChatConstraints() {}

  /** Whether the request offers tools the model may call; validates tools and tool choice. */
  static boolean toolMode(ChatTemplate template, ChatRequest request) {
    ToolChoice choice = request.toolChoice();
    List<ToolDefinition> tools = request.tools();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      String name = tools.get(i).function().name();
      if (!FUNCTION_NAME.matcher(name).matches()) {
        throw RequestMapper.invalid(
            "tools[" + i + "].function.name",
            "function name '"
                + name
                + "' is invalid; use 1 to 64 letters, digits, underscores or dashes");
      }
      if (!names.add(name)) {
        throw RequestMapper.invalid(
            "tools[" + i + "].function.name",
            "function name '" + name + "' is given twice; tool names must be unique");
      }
    }
    if (choice != null
        && choice.functionName().isPresent()
        && !names.contains(choice.functionName().get())) {
      throw RequestMapper.invalid(
          "tool_choice",
          "tool_choice names function '"
              + choice.functionName().get()
              + "', which is not among tools "
              + names);
    }
    String mode = choice == null ? "auto" : choice.mode();
    if (!List.of("none", "auto", "required", "function").contains(mode)) {
      throw RequestMapper.invalid(
          "tool_choice",
          "tool_choice '" + mode + "' is not one of none," + " auto, required or a function");
    }
    if (tools.isEmpty()) {
      if (choice != null && !"none".equals(mode)) {
        throw RequestMapper.invalid(
            "tool_choice",
            "tool_choice '" + mode + "' needs tools;" + " give tools or leave tool_choice out");
      }
      return false;
    }
    if ("none".equals(mode)) {
      return false;
    }
    if (!template.supportsTools()) {
      throw RequestMapper.invalid(
          "tools",
          "the model's chat template ("
              + template.family()
              + ") has no tool-call format; use a model with tool support (e.g. Qwen2.5, Llama 3.1)");
    }
    return true;
  }

  /** The tool-call syntax of the template's family, or null if it has none that parses. */
  static ToolGrammar.@Nullable Syntax syntax(ChatTemplate template) {
    if (!template.supportsTools()) {
      return null;
    }
    switch (template.family()) {
      case LLAMA3:
        return ToolGrammar.Syntax.LLAMA_JSON;
      case CHATML:
        return ToolGrammar.Syntax.HERMES;
      case MISTRAL:
        return ToolGrammar.Syntax.MISTRAL;
      case PHI3: // Phi-4-mini: Phi-3 turns, tools on the system message
        return ToolGrammar.Syntax.PHI4_MINI;
      default:
        return null;
    }
  }

  /** The constraint for {@code request}, or null for free text. */
  static @Nullable ConstraintSpec of(
      ChatTemplate template, ConstraintCache cache, ChatRequest request) {
    ResponseFormat format = request.responseFormat();
    String type = format == null ? "text" : format.type();
    if (!List.of("text", "json_object", "json_schema").contains(type)) {
      throw RequestMapper.invalid(
          "response_format.type",
          "response_format type '" + type + "' is not one of text, json_object, json_schema");
    }
    if (toolMode(template, request)) {
      return tools(template, cache, request, type);
    }
    if ("json_object".equals(type)) {
      return ConstraintSpec.always(cache.jsonObject());
    }
    if ("json_schema".equals(type) && format != null) { // type is "text" without a format
      return ConstraintSpec.always(schema(cache, format));
    }
    return null;
  }

  private static TokenMasks schema(ConstraintCache cache, ResponseFormat format) {
    try {
      return cache.get(List.of("schema", format.schema()), () -> Grammar.ofSchema(format.schema()));
    } catch (SchemaException e) {
      throw invalid("response_format.json_schema.schema", e);
    }
  }

  private static ConstraintSpec tools(
      ChatTemplate template, ConstraintCache cache, ChatRequest request, String format) {
    ToolChoice choice = request.toolChoice();
    boolean forced = choice != null && !"auto".equals(choice.mode());
    if (!forced && !"text".equals(format)) {
      throw RequestMapper.invalid(
          "response_format",
          "response_format "
              + format
              + " together"
              + " with tool_choice 'auto' is not supported by the local provider; use tool_choice"
              + " 'required' or a named function to get JSON tool arguments, or leave out tools");
    }
    List<ToolGrammar.Function> functions = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    List<ToolDefinition> tools = request.tools();
    for (int i = 0; i < tools.size(); i++) {
      FunctionDefinition f = tools.get(i).function();
      if (choice != null
          && choice.functionName().isPresent()
          && !choice.functionName().get().equals(f.name())) {
        continue;
      }
      functions.add(new ToolGrammar.Function(f.name(), f.parameters(), f.strict().orElse(false)));
      indexes.add(i);
    }
    boolean parallel = !Boolean.FALSE.equals(request.parallelToolCalls());
    ToolGrammar.Syntax syntax = syntax(template);
    if (syntax == null) {
      throw RequestMapper.invalid(
          "tools",
          "the model's chat template shows tools, but its"
              + " tool-call replies ("
              + template.family()
              + " family) cannot be parsed yet; tool"
              + " calls work with Hermes <tool_call> (Qwen2.5, Qwen3, Hermes), Llama 3.1/3.2,"
              + " Mistral [TOOL_CALLS] and Phi-4-mini functools[...] templates");
    }
    // a marker that is a control token in the vocabulary (Mistral's [TOOL_CALLS]) is output as
    // its text, so the call can be read, and the grammar may write it as that one token
    int[] shown = cache.controlTokens(List.of(syntax.trigger()));
    TokenMasks masks;
    try {
      masks =
          cache.get(
              List.of("tools", syntax, functions, parallel),
              () -> ToolGrammar.of(syntax, functions, indexes, parallel),
              shown);
    } catch (SchemaException e) {
      throw invalid(e.path().substring(0, e.path().indexOf('#')), e);
    }
    return new ConstraintSpec(
        masks, forced ? null : syntax.trigger(), syntax.triggerAtStart(), shown);
  }

  private static InvalidRequestException invalid(String param, SchemaException e) {
    return RequestMapper.invalid(
        param, "the schema cannot be used for constrained decoding: " + e.getMessage());
  }
}
