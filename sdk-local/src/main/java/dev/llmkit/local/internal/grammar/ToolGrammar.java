package dev.llmkit.local.internal.grammar;

import dev.llmkit.local.internal.json.CompactJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Grammars of a chat template family's tool-call syntax: one or more calls, each naming one of the
 * offered functions and giving its arguments as a JSON object (following the function's parameter
 * schema when that is compiled strictly, any object otherwise).
 */
public final class ToolGrammar {
  /** Most calls in one reply when parallel calls are allowed. */
  public static final int MAX_PARALLEL_CALLS = 8;

  /**
   * A family's call syntax: {@code open}, then calls joined by {@code separator}, each {@code
   * prefix + name + middle + arguments + suffix}, then {@code close}; {@code trigger} (a start of
   * {@code open + prefix}) is the text that opens the calls in free text.
   */
  public record Syntax(
      String open,
      String prefix,
      String middle,
      String suffix,
      String separator,
      String close,
      String trigger,
      boolean triggerAtStart) {
    /** Hermes / Qwen: {@code <tool_call>\n{"name": ..., "arguments": {...}}\n</tool_call>}. */
    public static final Syntax HERMES =
        new Syntax(
            "",
            "<tool_call>\n{\"name\": \"",
            "\", \"arguments\": ",
            "}\n</tool_call>",
            "\n",
            "",
            "<tool_call>",
            false);

    /** Llama 3.1+: a bare {@code {"name": ..., "parameters": {...}}}; several joined by "; ". */
    public static final Syntax LLAMA_JSON =
        new Syntax("", "{\"name\": \"", "\", \"parameters\": ", "}", "; ", "", "{", true);

    /**
     * Mistral v3 / Nemo: {@code [TOOL_CALLS][{"name": ..., "arguments": {...}}, ...]}, as their
     * templates write assistant tool calls.
     */
    public static final Syntax MISTRAL =
        new Syntax(
            "[TOOL_CALLS][",
            "{\"name\": \"",
            "\", \"arguments\": ",
            "}",
            ", ",
            "]",
            "[TOOL_CALLS]",
            false);

    /**
     * Phi-4-mini: {@code functools[{"name": ..., "arguments": {...}}, ...]}, the form its tool
     * parsers (vLLM, SGLang) read.
     */
    public static final Syntax PHI4_MINI =
        new Syntax(
            "functools[",
            "{\"name\": \"",
            "\", \"arguments\": ",
            "}",
            ", ",
            "]",
            "functools[",
            false);

    public Syntax {
      if (!(open + prefix).startsWith(trigger) || trigger.isEmpty()) {
        throw new IllegalArgumentException("the trigger must start the calls");
      }
    }
  }

  /**
   * A function that may be called.
   *
   * @param name its name
   * @param parameters its parameter schema (empty: any object)
   * @param strict whether the arguments must follow the schema; when false they follow it if the
   *     constraint can honour it and are any JSON object otherwise
   */
  public record Function(String name, Map<String, ?> parameters, boolean strict) {}

  private ToolGrammar() {}

  /**
   * The grammar of calls to {@code functions} in {@code syntax}: at most one call, or up to {@link
   * #MAX_PARALLEL_CALLS} when {@code parallel}.
   *
   * @throws SchemaException for a strict function whose schema cannot be honoured; the path starts
   *     with the function's index, e.g. {@code tools[1].function.parameters#/properties}
   */
  public static Grammar of(
      Syntax syntax, List<Function> functions, List<Integer> indexes, boolean parallel) {
    SchemaCompiler compiler = SchemaCompiler.forTools();
    List<Node> calls = new ArrayList<>();
    for (int i = 0; i < functions.size(); i++) {
      Function f = functions.get(i);
      Node args;
      if (f.parameters().isEmpty()) {
        args = compiler.anyObjectNode();
      } else {
        try {
          args = compiler.arguments(f.parameters());
        } catch (SchemaException e) {
          if (f.strict()) {
            throw new SchemaException(
                "tools[" + indexes.get(i) + "].function.parameters" + e.path(), e.reason());
          }
          args = compiler.anyObjectNode();
        }
      }
      String name = CompactJson.quote(f.name());
      name = name.substring(1, name.length() - 1);
      calls.add(
          compiler.register(
              new SequenceNode(
                  List.of(
                      compiler.register(LiteralNode.of(syntax.prefix() + name + syntax.middle())),
                      args,
                      compiler.register(LiteralNode.of(syntax.suffix()))))));
    }
    Node call = calls.size() == 1 ? calls.get(0) : compiler.register(new ChoiceNode(calls));
    Node root =
        compiler.register(
            new RepeatNode(call, syntax.separator(), parallel ? MAX_PARALLEL_CALLS : 1));
    if (!syntax.open().isEmpty() || !syntax.close().isEmpty()) {
      List<Node> parts = new ArrayList<>();
      if (!syntax.open().isEmpty()) {
        parts.add(compiler.register(LiteralNode.of(syntax.open())));
      }
      parts.add(root);
      if (!syntax.close().isEmpty()) {
        parts.add(compiler.register(LiteralNode.of(syntax.close())));
      }
      root = compiler.register(new SequenceNode(parts));
    }
    return new Grammar(root, compiler.nodes());
  }
}
