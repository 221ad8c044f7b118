package dev.llmkit.local.internal.grammar;

import static dev.llmkit.local.internal.grammar.SchemaValues.count;
import static dev.llmkit.local.internal.grammar.SchemaValues.describe;
import static dev.llmkit.local.internal.grammar.SchemaValues.escape;
import static dev.llmkit.local.internal.grammar.SchemaValues.list;
import static dev.llmkit.local.internal.grammar.SchemaValues.only;
import static dev.llmkit.local.internal.grammar.SchemaValues.typeOf;
import static dev.llmkit.local.internal.grammar.SchemaValues.types;

import dev.llmkit.local.internal.json.CompactJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a JSON Schema (the subset OpenAI's strict mode accepts, plus string patterns, lengths
 * and formats) to grammar nodes. Every keyword is either honoured, an annotation that does not
 * constrain (title, description, ...), or rejected with a {@link SchemaException} naming it and its
 * path: output is never silently left unconstrained.
 */
final class SchemaCompiler {
  /** Most grammar nodes one schema may compile to. */
  static final int MAX_NODES = 10_000;

  /** Most enum values in one schema, over all enums. */
  static final int MAX_ENUM_VALUES = 2_000;

  static final Set<String> ANNOTATIONS =
      Set.of(
          "title",
          "description",
          "default",
          "examples",
          "$schema",
          "$id",
          "$comment",
          "deprecated",
          "readOnly",
          "writeOnly",
          "$defs",
          "definitions",
          "strict");
  static final Set<String> SUPPORTED =
      Set.of(
          "type",
          "properties",
          "required",
          "additionalProperties",
          "items",
          "minItems",
          "maxItems",
          "enum",
          "const",
          "anyOf",
          "oneOf",
          "allOf",
          "$ref",
          "pattern",
          "minLength",
          "maxLength",
          "format",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf");
  static final List<String> BOUNDS =
      List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf");

  private final Map<String, @Nullable Object> root;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, ChoiceNode> refs = new HashMap<>();
  private final ChoiceNode any;
  private int enumValues;

  private SchemaCompiler(Map<String, @Nullable Object> root) {
    this.root = root;
    this.any = register(new ChoiceNode(List.of()));
  }

  /** The grammar of values valid for {@code schema}. */
  static Grammar compile(Map<String, ?> schema) {
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> s = (Map<String, @Nullable Object>) schema;
    SchemaCompiler c = new SchemaCompiler(s);
    Node rootNode = c.node(s, "#");
    c.fillAny();
    return new Grammar(rootNode, c.nodes);
  }

  /** The grammar of any JSON object ({@code response_format: json_object}). */
  static Grammar anyObject() {
    SchemaCompiler c = new SchemaCompiler(Map.of());
    Node object = c.register(new ObjectNode(c.any));
    c.fillAny();
    return new Grammar(object, c.nodes);
  }

  /** A compiler for tool-call grammars that embed schemas; see {@link ToolGrammar}. */
  static SchemaCompiler forTools() {
    return new SchemaCompiler(Map.of());
  }

  /** Compiles {@code schema} as the arguments of a tool (a schema of its own: refs are local). */
  Node arguments(Map<String, ?> schema) {
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> s = (Map<String, @Nullable Object>) schema;
    SchemaCompiler c = new SchemaCompiler(s);
    Node n = c.node(s, "#");
    c.fillAny();
    nodes.addAll(c.nodes);
    return n;
  }

  /** An object with any keys and values, in this compiler. */
  Node anyObjectNode() {
    return register(new ObjectNode(any));
  }

  <N extends Node> N register(N node) {
    if (nodes.size() >= MAX_NODES) {
      throw new SchemaException(
          "#",
          "schema too large: it needs more than "
              + MAX_NODES
              + " grammar nodes (the local provider's limit); simplify it or split it up");
    }
    nodes.add(node);
    return node;
  }

  List<Node> nodes() {
    fillAny();
    return nodes;
  }

  private void fillAny() {
    if (!any.options.isEmpty()) {
      return;
    }
    any.options.add(register(new ObjectNode(any)));
    any.options.add(register(new ArrayNode(any, 0, -1)));
    any.options.add(StringNode.ANY);
    any.options.add(register(new NumberNode(false)));
    any.options.add(register(LiteralNode.of("true", "false", "null")));
    if (!nodes.contains(StringNode.ANY)) {
      nodes.add(StringNode.ANY);
    }
  }

  private Node node(@Nullable Object schema, String path) {
    if (Boolean.TRUE.equals(schema)) {
      return any;
    }
    if (!(schema instanceof Map)) {
      throw new SchemaException(
          path, "a schema must be a JSON object (or true), not " + describe(schema));
    }
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> s = (Map<String, @Nullable Object>) schema;
    for (String key : s.keySet()) {
      if (!ANNOTATIONS.contains(key) && !SUPPORTED.contains(key)) {
        throw new SchemaException(
            path + "/" + escape(key),
            "keyword '"
                + key
                + "' is not"
                + " supported by the local provider's constrained decoding; supported: "
                + String.join(", ", new java.util.TreeSet<>(SUPPORTED)));
      }
    }
    if (s.containsKey("$ref")) {
      only(s, path, "$ref");
      return ref(s.get("$ref"), path + "/$ref");
    }
    if (s.containsKey("allOf")) {
      List<?> branches = list(s.get("allOf"), path + "/allOf", 1);
      return node(
          Combinators.allOf(s, branches, path + "/allOf", this::resolve),
          path + "/allOf" + (branches.size() == 1 ? "/0" : ""));
    }
    for (String keyword : List.of("anyOf", "oneOf")) { // a disjoint oneOf is an anyOf
      if (s.containsKey(keyword)) {
        only(s, path, keyword);
        List<?> options = list(s.get(keyword), path + "/" + keyword, 1);
        if (keyword.equals("oneOf")) {
          Combinators.checkDisjoint(options, path + "/oneOf", this::resolve);
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
          nodes.add(node(options.get(i), path + "/" + keyword + "/" + i));
        }
        return register(new ChoiceNode(nodes));
      }
    }
    List<String> types = types(s.get("type"), path + "/type");
    if (s.containsKey("const") || s.containsKey("enum")) {
      return literals(s, types, path);
    }
    if (types.isEmpty()) {
      if (s.containsKey("properties") || s.containsKey("additionalProperties")) {
        types = List.of("object");
      } else if (s.containsKey("items")) {
        types = List.of("array");
      } else if (s.containsKey("pattern") || s.containsKey("format")) {
        types = List.of("string");
      } else {
        return any;
      }
    }
    if (types.size() == 1) {
      return typed(s, types.get(0), path);
    }
    List<Node> options = new ArrayList<>();
    for (String t : types) {
      options.add(typed(s, t, path));
    }
    return register(new ChoiceNode(options));
  }

  private Node typed(Map<String, @Nullable Object> s, String type, String path) {
    switch (type) {
      case "object":
        return object(s, path);
      case "array":
        int min = count(s, "minItems", path, 0);
        int max = count(s, "maxItems", path, -1);
        if (max >= 0 && max < min) {
          throw new SchemaException(path + "/maxItems", "maxItems " + max + " < minItems " + min);
        }
        Node items = s.containsKey("items") ? node(s.get("items"), path + "/items") : any;
        return register(new ArrayNode(items, min, max));
      case "string":
        return string(s, path);
      case "number":
        for (String k : BOUNDS) {
          if (s.containsKey(k)) {
            throw new SchemaException(
                path + "/" + k,
                "keyword '"
                    + k
                    + "' is supported for"
                    + " type integer only, not for number; use an integer (e.g. in hundredths) or"
                    + " leave it out");
          }
        }
        return register(new NumberNode(false));
      case "integer":
        IntegerNode bounded = IntegerNode.of(s, path);
        return register(bounded != null ? bounded : new NumberNode(true));
      case "boolean":
        return register(LiteralNode.of("true", "false"));
      default:
        return register(LiteralNode.of("null"));
    }
  }

  private Node object(Map<String, @Nullable Object> s, String path) {
    Object props = s.get("properties");
    if (props != null && !(props instanceof Map)) {
      throw new SchemaException(
          path + "/properties", "properties must be an object, not " + describe(props));
    }
    Map<?, ?> properties = props == null ? Map.of() : (Map<?, ?>) props;
    Object extra = s.get("additionalProperties");
    if (extra != null && !(extra instanceof Boolean) && !(extra instanceof Map)) {
      throw new SchemaException(
          path + "/additionalProperties",
          "additionalProperties must be a boolean or a schema, not " + describe(extra));
    }
    List<?> req =
        s.containsKey("required") ? list(s.get("required"), path + "/required", 0) : List.of();
    for (int i = 0; i < req.size(); i++) {
      if (!(req.get(i) instanceof String) || !properties.containsKey(req.get(i))) {
        throw new SchemaException(
            path + "/required/" + i,
            "required lists " + describe(req.get(i)) + ", which is not a key of properties");
      }
    }
    if (properties.isEmpty()) {
      boolean closed = Boolean.FALSE.equals(extra);
      Node value = extra instanceof Map ? node(extra, path + "/additionalProperties") : any;
      return closed ? register(LiteralNode.of("{}")) : register(new ObjectNode(value));
    }
    List<String> keys = new ArrayList<>();
    Node[] values = new Node[properties.size()];
    boolean[] required = new boolean[properties.size()];
    for (Map.Entry<?, ?> e : properties.entrySet()) {
      String key = String.valueOf(e.getKey());
      int i = keys.size();
      values[i] = node(e.getValue(), path + "/properties/" + escape(key));
      required[i] = req.contains(key);
      keys.add(key);
    }
    return register(new ObjectNode(keys, values, required));
  }

  private Node string(Map<String, @Nullable Object> s, String path) {
    int min = count(s, "minLength", path, 0);
    int max = count(s, "maxLength", path, -1);
    if (max >= 0 && max < min) {
      throw new SchemaException(path + "/maxLength", "maxLength " + max + " < minLength " + min);
    }
    String pattern = null;
    String where = path; // set with pattern below, read only when a pattern is set
    if (s.containsKey("pattern")) {
      if (!(s.get("pattern") instanceof String)) {
        throw new SchemaException(path + "/pattern", "pattern must be a string");
      }
      pattern = (String) s.get("pattern");
      where = path + "/pattern";
    }
    if (s.containsKey("format")) {
      Object format = s.get("format");
      String known = format instanceof String ? Formats.PATTERNS.get(format) : null;
      if (known == null) {
        throw new SchemaException(
            path + "/format",
            "format "
                + describe(format)
                + " is not"
                + " supported; supported: "
                + String.join(", ", new java.util.TreeSet<>(Formats.PATTERNS.keySet())));
      }
      if (pattern != null) {
        throw new SchemaException(
            path + "/format",
            "format together with pattern is not" + " supported; use one of them");
      }
      pattern = known;
      where = path + "/format";
    }
    if (pattern == null && min == 0 && max < 0) {
      return StringNode.ANY;
    }
    CharDfa dfa = null;
    if (pattern != null) {
      dfa = new CharDfa(Regex.compile(pattern, where));
      int shortest = dfa.distance(0);
      if (shortest >= Node.INFINITE || (max >= 0 && shortest > max)) {
        throw new SchemaException(
            where, "no string of at most " + max + " characters matches the pattern");
      }
    }
    return register(new StringNode(min, max, dfa));
  }

  private Node literals(Map<String, @Nullable Object> s, List<String> types, String path) {
    boolean isConst = s.containsKey("const");
    List<?> values =
        isConst
            ? java.util.Collections.singletonList(s.get("const"))
            : list(s.get("enum"), path + "/enum", 1);
    List<String> texts = new ArrayList<>();
    for (Object v : values) {
      if (types.isEmpty()
          || types.contains(typeOf(v))
          || (types.contains("number") && "integer".equals(typeOf(v)))) {
        String text;
        try {
          text = CompactJson.write(v);
        } catch (IllegalArgumentException e) {
          throw new SchemaException(
              path + (isConst ? "/const" : "/enum"), String.valueOf(e.getMessage()));
        }
        if (!texts.contains(text)) {
          texts.add(text);
        }
      }
    }
    enumValues += texts.size();
    if (enumValues > MAX_ENUM_VALUES) {
      throw new SchemaException(
          path + "/enum",
          "schema too large: more than "
              + MAX_ENUM_VALUES
              + " enum values in all (the local provider's limit)");
    }
    if (texts.isEmpty()) {
      throw new SchemaException(
          path + (isConst ? "/const" : "/enum"), "no value matches the schema's type " + types);
    }
    return register(new LiteralNode(texts));
  }

  private Node ref(@Nullable Object target, String path) {
    if (!(target instanceof String) || !((String) target).startsWith("#")) {
      throw new SchemaException(
          path,
          "only local references (\"#\", \"#/$defs/Name\") are"
              + " supported, not "
              + describe(target));
    }
    String pointer = (String) target;
    ChoiceNode known = refs.get(pointer);
    if (known != null) {
      return known;
    }
    ChoiceNode placeholder = register(new ChoiceNode(List.of()));
    refs.put(pointer, placeholder);
    placeholder.options.add(node(resolve(pointer, path), pointer));
    return placeholder;
  }

  /** The schema a local reference points to. */
  private @Nullable Object resolve(String pointer, String path) {
    if (!pointer.startsWith("#")) {
      throw new SchemaException(
          path,
          "only local references (\"#\", \"#/$defs/Name\") are"
              + " supported, not "
              + describe(pointer));
    }
    Object resolved = root;
    String[] parts = pointer.length() <= 1 ? new String[0] : pointer.substring(2).split("/", -1);
    if (pointer.length() > 1 && !pointer.startsWith("#/")) {
      throw new SchemaException(path, "reference " + pointer + " is not a JSON pointer");
    }
    for (String part : parts) {
      String key = part.replace("~1", "/").replace("~0", "~");
      if (resolved instanceof Map && ((Map<?, ?>) resolved).containsKey(key)) {
        resolved = ((Map<?, ?>) resolved).get(key);
      } else if (resolved instanceof List
          && key.matches("[0-9]{1,9}")
          && Integer.parseInt(key) < ((List<?>) resolved).size()) {
        resolved = ((List<?>) resolved).get(Integer.parseInt(key));
      } else {
        throw new SchemaException(path, "reference " + pointer + " points to nothing");
      }
    }
    return resolved;
  }
}
