package dev.llmkit.local.internal.jinja;

import dev.llmkit.local.internal.jinja.Lexer.Token;
import dev.llmkit.local.internal.jinja.Lexer.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Expression part of the parser: a token cursor and jinja2's expression precedence rules. */
abstract class ExprParser {
  private static final Set<String> COMPARE = Set.of("==", "!=", "<", ">", "<=", ">=");

  final List<Token> tokens;
  int pos;

  ExprParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  Token peek() {
    return tokens.get(pos);
  }

  Token next() {
    return tokens.get(pos++);
  }

  JinjaException error(String message) {
    return JinjaException.syntax(message, peek().line());
  }

  boolean acceptOp(String op) {
    if (peek().isOp(op)) {
      pos++;
      return true;
    }
    return false;
  }

  boolean acceptName(String name) {
    if (peek().isName(name)) {
      pos++;
      return true;
    }
    return false;
  }

  void expectOp(String op) {
    if (!acceptOp(op)) {
      throw error("expected '" + op + "', got '" + peek().value() + "'");
    }
  }

  String expectName() {
    if (peek().type() != Type.NAME) {
      throw error("expected a name, got '" + peek().value() + "'");
    }
    return next().value();
  }

  void expect(Type type) {
    if (peek().type() != type) {
      throw error("expected end of tag, got '" + peek().value() + "'");
    }
    pos++;
  }

  Expr.Filter filterCall(@Nullable Expr input) {
    Token nameToken = peek();
    StringBuilder name = new StringBuilder(expectName());
    while (acceptOp(".")) {
      name.append('.').append(expectName());
    }
    if (!Filters.exists(name.toString())) {
      throw JinjaException.syntax("no filter named '" + name + "'", nameToken.line());
    }
    Expr.Args args = peek().isOp("(") ? callArgs() : Expr.Args.none();
    return new Expr.Filter(input, name.toString(), args);
  }

  // ---- expressions, from lowest to highest precedence ----

  Expr tuple() {
    return tuple(true);
  }

  /** An expression, or an implicit tuple {@code a, b}; {@code withCondition} allows inline if. */
  Expr tuple(boolean withCondition) {
    Expr first = withCondition ? expression() : or();
    if (!peek().isOp(",")) {
      return first;
    }
    List<Expr> items = new ArrayList<>();
    items.add(first);
    while (acceptOp(",")) {
      if (peek().type() == Type.BLOCK_END || peek().type() == Type.VAR_END) {
        break;
      }
      items.add(withCondition ? expression() : or());
    }
    return new Expr.ListExpr(items, true);
  }

  Expr expression() {
    Expr e = or();
    while (acceptName("if")) {
      Expr condition = or();
      Expr otherwise = acceptName("else") ? expression() : null;
      e = new Expr.Conditional(condition, e, otherwise);
    }
    return e;
  }

  Expr or() {
    Expr e = and();
    while (acceptName("or")) {
      e = new Expr.Binary("or", e, and());
    }
    return e;
  }

  private Expr and() {
    Expr e = not();
    while (acceptName("and")) {
      e = new Expr.Binary("and", e, not());
    }
    return e;
  }

  private Expr not() {
    if (acceptName("not")) {
      return new Expr.Unary("not", not());
    }
    return compare();
  }

  private Expr compare() {
    Expr first = math1();
    List<String> ops = new ArrayList<>();
    List<Expr> rest = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.type() == Type.OP && COMPARE.contains(t.value())) {
        pos++;
        ops.add(t.value());
      } else if (t.isName("in")) {
        pos++;
        ops.add("in");
      } else if (t.isName("not") && tokens.get(pos + 1).isName("in")) {
        pos += 2;
        ops.add("notin");
      } else {
        break;
      }
      rest.add(math1());
    }
    return ops.isEmpty() ? first : new Expr.Compare(first, ops, rest);
  }

  private Expr math1() {
    Expr e = concat();
    while (peek().isOp("+") || peek().isOp("-")) {
      e = new Expr.Binary(next().value(), e, concat());
    }
    return e;
  }

  private Expr concat() {
    Expr e = math2();
    while (acceptOp("~")) {
      e = new Expr.Binary("~", e, math2());
    }
    return e;
  }

  private Expr math2() {
    Expr e = pow();
    while (peek().isOp("*") || peek().isOp("/") || peek().isOp("//") || peek().isOp("%")) {
      e = new Expr.Binary(next().value(), e, pow());
    }
    return e;
  }

  private Expr pow() {
    Expr e = unary(true);
    while (acceptOp("**")) {
      e = new Expr.Binary("**", e, unary(true));
    }
    return e;
  }

  private Expr unary(boolean withFilter) {
    Expr e;
    if (acceptOp("-")) {
      e = new Expr.Unary("-", unary(false));
    } else if (acceptOp("+")) {
      e = new Expr.Unary("+", unary(false));
    } else {
      e = postfix(primary());
    }
    return withFilter ? filterAndTest(e) : e;
  }

  private Expr filterAndTest(Expr e) {
    while (true) {
      if (acceptOp("|")) {
        e = filterCall(e);
      } else if (acceptName("is")) {
        boolean negated = acceptName("not");
        Token nameToken = peek();
        String name = expectName();
        if (!Tests.exists(name)) {
          throw JinjaException.syntax("no test named '" + name + "'", nameToken.line());
        }
        Expr.Args args;
        if (peek().isOp("(")) {
          args = callArgs();
        } else if (startsBareTestArgument(peek())) {
          args = new Expr.Args(List.of(postfix(primary())), Map.of());
        } else {
          args = Expr.Args.none();
        }
        e = new Expr.Test(e, name, args, negated);
      } else {
        return e;
      }
    }
  }

  private static boolean startsBareTestArgument(Token t) {
    switch (t.type()) {
      case NAME:
        return !Set.of("else", "or", "and", "if", "is", "not", "in").contains(t.value());
      case STRING:
      case INT:
      case FLOAT:
        return true;
      case OP:
        return t.value().equals("[") || t.value().equals("{");
      default:
        return false;
    }
  }

  private Expr postfix(Expr e) {
    while (true) {
      if (acceptOp(".")) {
        Token t = next();
        if (t.type() == Type.INT) {
          e = new Expr.GetItem(e, new Expr.Literal(intLiteral(t.value())));
        } else if (t.type() == Type.NAME) {
          e = new Expr.GetAttr(e, t.value());
        } else {
          throw error("expected an attribute name after '.'");
        }
      } else if (acceptOp("[")) {
        e = subscript(e);
      } else if (peek().isOp("(")) {
        e = new Expr.Call(e, callArgs());
      } else {
        return e;
      }
    }
  }

  private Expr subscript(Expr target) {
    Expr[] parts = new Expr[3];
    int part = 0;
    boolean slice = false;
    while (!acceptOp("]")) {
      if (acceptOp(":")) {
        slice = true;
        part++;
        if (part > 2) {
          throw error("too many ':' in a slice");
        }
      } else {
        if (parts[part] != null) {
          throw error("expected ']'");
        }
        parts[part] = expression();
      }
    }
    if (!slice) {
      if (parts[0] == null) {
        throw error("empty subscript");
      }
      return new Expr.GetItem(target, parts[0]);
    }
    return new Expr.Slice(target, parts[0], parts[1], parts[2]);
  }

  private Expr.Args callArgs() {
    expectOp("(");
    List<Expr> positional = new ArrayList<>();
    Map<String, Expr> keywords = new LinkedHashMap<>();
    while (!acceptOp(")")) {
      if (!positional.isEmpty() || !keywords.isEmpty()) {
        expectOp(",");
        if (acceptOp(")")) {
          break;
        }
      }
      if (peek().type() == Type.NAME && tokens.get(pos + 1).isOp("=")) {
        String key = next().value();
        pos++;
        keywords.put(key, expression());
      } else {
        positional.add(expression());
      }
    }
    return new Expr.Args(positional, keywords);
  }

  private Expr primary() {
    Token t = next();
    switch (t.type()) {
      case NAME:
        switch (t.value()) {
          case "true":
          case "True":
            return new Expr.Literal(true);
          case "false":
          case "False":
            return new Expr.Literal(false);
          case "none":
          case "None":
            return new Expr.Literal(null);
          default:
            return new Expr.Name(t.value());
        }
      case STRING:
        {
          StringBuilder sb = new StringBuilder(t.value());
          while (peek().type() == Type.STRING) {
            sb.append(next().value());
          }
          return new Expr.Literal(sb.toString());
        }
      case INT:
        return new Expr.Literal(intLiteral(t.value()));
      case FLOAT:
        return new Expr.Literal(Double.parseDouble(t.value()));
      case OP:
        return display(t);
      default:
        pos--;
        throw error("unexpected '" + t.value() + "'");
    }
  }

  private Expr display(Token t) {
    switch (t.value()) {
      case "(":
        {
          if (acceptOp(")")) {
            return new Expr.ListExpr(List.of(), true);
          }
          Expr e = tuple();
          expectOp(")");
          return e;
        }
      case "[":
        {
          List<Expr> items = new ArrayList<>();
          while (!acceptOp("]")) {
            if (!items.isEmpty()) {
              expectOp(",");
              if (acceptOp("]")) {
                break;
              }
            }
            items.add(expression());
          }
          return new Expr.ListExpr(items, false);
        }
      case "{":
        {
          List<Expr> keys = new ArrayList<>();
          List<Expr> values = new ArrayList<>();
          while (!acceptOp("}")) {
            if (!keys.isEmpty()) {
              expectOp(",");
              if (acceptOp("}")) {
                break;
              }
            }
            keys.add(expression());
            expectOp(":");
            values.add(expression());
          }
          return new Expr.DictExpr(keys, values);
        }
      default:
        pos--;
        throw error("unexpected '" + t.value() + "'");
    }
  }

  /** An integer literal; Python's are unbounded, this engine's are 64-bit. */
  private static long intLiteral(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new JinjaException(
          JinjaException.Kind.UNSUPPORTED,
          "integer literal "
              + (digits.length() > 40 ? digits.substring(0, 40) + "..." : digits)
              + " does not fit in 64 bits");
    }
  }
}
