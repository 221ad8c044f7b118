package dev.llmkit.local.internal.grammar;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * {@code oneOf} and {@code allOf}, reduced to what the grammar has: a {@code oneOf} is generated as
 * an {@code anyOf}, which is exact only when no value can match two branches, so its branches must
 * be disjoint by construction (different types, different const/enum values, or a required property
 * whose const/enum values differ: a tagged union); an {@code allOf} of one branch is that branch,
 * and an {@code allOf} of object schemas is merged into one object schema. Anything else is a
 * {@link SchemaException} naming the keyword.
 */
final class Combinators {
  private static final Set<String> OBJECT_KEYS =
      Set.of("type", "properties", "required", "additionalProperties");

  private Combinators() {}

  /**
   * Checks that the branches of {@code oneOf} at {@code path} are pairwise disjoint; {@code
   * resolve} follows a {@code $ref} (pointer, path) to its schema.
   */
  static void checkDisjoint(
      List<?> branches, String path, BiFunction<String, String, @Nullable Object> resolve) {
    List<@Nullable Object> resolved = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      resolved.add(deref(branches.get(i), path + "/" + i, resolve));
    }
    for (int i = 0; i < resolved.size(); i++) {
      for (int j = i + 1; j < resolved.size(); j++) {
        if (!disjoint(resolved.get(i), resolved.get(j), resolve, path)) {
          throw new SchemaException(
              path,
              "branches "
                  + i
                  + " and "
                  + j
                  + " of oneOf can match"
                  + " the same value; the local provider honours oneOf only when its branches are"
                  + " disjoint (different types, different const/enum values, or a required property"
                  + " with different const/enum values); use anyOf");
        }
      }
    }
  }

  private static @Nullable Object deref(
      @Nullable Object schema, String path, BiFunction<String, String, @Nullable Object> resolve) {
    for (int hops = 0;
        hops < 16 && schema instanceof Map && ((Map<?, ?>) schema).get("$ref") instanceof String;
        hops++) {
      schema = resolve.apply((String) ((Map<?, ?>) schema).get("$ref"), path + "/$ref");
    }
    return schema;
  }

  private static boolean disjoint(
      @Nullable Object a,
      @Nullable Object b,
      BiFunction<String, String, @Nullable Object> resolve,
      String path) {
    if (!(a instanceof Map) || !(b instanceof Map)) {
      return false;
    }
    Map<?, ?> x = (Map<?, ?>) a;
    Map<?, ?> y = (Map<?, ?>) b;
    Set<String> tx = types(x);
    Set<String> ty = types(y);
    if (tx != null && ty != null && tx.stream().noneMatch(ty::contains)) {
      return true;
    }
    List<?> vx = literals(x);
    List<?> vy = literals(y);
    if (vx != null && vy != null && vx.stream().noneMatch(v -> contains(vy, v))) {
      return true;
    }
    if (x.get("properties") instanceof Map
        && y.get("properties") instanceof Map
        && x.get("required") instanceof List
        && y.get("required") instanceof List) {
      for (Object key : (List<?>) x.get("required")) {
        if (!((List<?>) y.get("required")).contains(key)) {
          continue;
        }
        Object px = deref(((Map<?, ?>) x.get("properties")).get(key), path, resolve);
        Object py = deref(((Map<?, ?>) y.get("properties")).get(key), path, resolve);
        List<?> lx = px instanceof Map ? literals((Map<?, ?>) px) : null;
        List<?> ly = py instanceof Map ? literals((Map<?, ?>) py) : null;
        if (lx != null && ly != null && lx.stream().noneMatch(v -> contains(ly, v))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The JSON types a schema allows (integer within number), or null if not stated. */
  private static @Nullable Set<String> types(Map<?, ?> s) {
    Object t = s.get("type");
    List<?> given = t instanceof List ? (List<?>) t : t instanceof String ? List.of(t) : null;
    if (given == null) {
      List<?> values = literals(s);
      if (values == null) {
        return null;
      }
      given = values.stream().map(Combinators::typeOf).toList();
    }
    Set<String> out = new HashSet<>();
    for (Object o : given) {
      out.add(String.valueOf(o));
      if ("integer".equals(o)) {
        out.add("number");
      }
    }
    return out;
  }

  private static String typeOf(@Nullable Object v) {
    return v == null
        ? "null"
        : v instanceof Boolean
            ? "boolean"
            : v instanceof Number
                ? "number"
                : v instanceof String ? "string" : v instanceof Map ? "object" : "array";
  }

  private static @Nullable List<?> literals(Map<?, ?> s) {
    if (s.containsKey("const")) {
      return java.util.Collections.singletonList(s.get("const"));
    }
    return s.get("enum") instanceof List ? (List<?>) s.get("enum") : null;
  }

  private static boolean contains(List<?> values, @Nullable Object v) {
    for (Object w : values) {
      if (Objects.equals(w, v)
          || (w instanceof Number
              && v instanceof Number
              && ((Number) w).doubleValue() == ((Number) v).doubleValue())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The schema equivalent to {@code s}, whose {@code allOf} is at {@code path}: its one branch, or
   * its object branches (and object keywords next to allOf) merged: properties in order, required
   * joined, additionalProperties false if any part says so.
   */
  static Object allOf(
      Map<String, @Nullable Object> s,
      List<?> branches,
      String path,
      BiFunction<String, String, @Nullable Object> resolve) {
    List<Map<?, ?>> parts = new ArrayList<>();
    Map<String, @Nullable Object> siblings = new LinkedHashMap<>(s);
    siblings.remove("allOf");
    siblings.keySet().removeIf(SchemaCompiler.ANNOTATIONS::contains);
    if (branches.size() == 1 && siblings.isEmpty()) {
      return Objects.requireNonNull(branches.get(0));
    }
    if (!siblings.isEmpty()) {
      parts.add(siblings);
    }
    for (int i = 0; i < branches.size(); i++) {
      Object b = deref(branches.get(i), path + "/" + i, resolve);
      if (!(b instanceof Map)) {
        throw new SchemaException(path + "/" + i, "an allOf branch must be an object schema");
      }
      parts.add((Map<?, ?>) b);
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    List<Object> required = new ArrayList<>();
    boolean closed = false;
    for (int i = 0; i < parts.size(); i++) {
      Map<?, ?> p = parts.get(i);
      String where =
          siblings.isEmpty() || i > 0
              ? path + "/" + (siblings.isEmpty() ? i : i - 1)
              : path.substring(0, path.length() - "/allOf".length());
      for (Object key : p.keySet()) {
        if (!OBJECT_KEYS.contains(key) && !SchemaCompiler.ANNOTATIONS.contains(key)) {
          throw new SchemaException(
              where + "/" + key,
              "allOf with more than one branch is"
                  + " supported for object schemas (type, properties, required,"
                  + " additionalProperties) only; keyword '"
                  + key
                  + "' cannot be merged");
        }
      }
      if (p.containsKey("type") && !"object".equals(p.get("type"))) {
        throw new SchemaException(
            where + "/type",
            "allOf with more than one branch is" + " supported for object schemas only");
      }
      Object extra = p.get("additionalProperties");
      if (extra != null && !(extra instanceof Boolean)) {
        throw new SchemaException(
            where + "/additionalProperties",
            "allOf branches can be" + " merged only with additionalProperties true or false");
      }
      closed |= Boolean.FALSE.equals(extra);
      if (p.get("properties") instanceof Map) {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) p.get("properties")).entrySet()) {
          Object before = properties.putIfAbsent(String.valueOf(e.getKey()), e.getValue());
          if (before != null && !before.equals(e.getValue())) {
            throw new SchemaException(
                where + "/properties/" + e.getKey(),
                "allOf branches give"
                    + " property '"
                    + e.getKey()
                    + "' different schemas; they cannot be merged");
          }
        }
      }
      if (p.get("required") instanceof List) {
        for (Object r : (List<?>) p.get("required")) {
          if (!required.contains(r)) {
            required.add(r);
          }
        }
      }
    }
    for (int i = 0; i < parts.size() && closed; i++) {
      Map<?, ?> p = parts.get(i);
      Object own = p.get("properties");
      if (Boolean.FALSE.equals(p.get("additionalProperties"))
          && (own instanceof Map ? ((Map<?, ?>) own).size() : 0) < properties.size()) {
        throw new SchemaException(
            path,
            "an allOf branch with additionalProperties false"
                + " forbids the properties other branches add; the merge would be unsatisfiable");
      }
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    merged.put("type", "object");
    merged.put("properties", properties);
    merged.put("required", required);
    merged.put("additionalProperties", !closed);
    return merged;
  }
}
