package dev.llmkit.local.internal.jinja;

import dev.llmkit.local.internal.jinja.Lexer.Token;
import dev.llmkit.local.internal.jinja.Lexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Recursive-descent parser for jinja2's statements; expressions are {@link ExprParser}'s. */
final class Parser extends ExprParser {
  private Parser(List<Token> tokens) {
    super(tokens);
  }

  static List<Stmt> parse(String source) {
    Parser p = new Parser(Lexer.tokenize(source));
    List<Stmt> body = p.body(Set.of());
    if (p.peek().type() != Type.EOF) {
      throw p.error("unexpected '" + p.tokens.get(p.pos + 1).value() + "'");
    }
    return body;
  }

  /** Statements up to a block tag whose keyword is in {@code ends} (left unconsumed). */
  private List<Stmt> body(Set<String> ends) {
    List<Stmt> out = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.type() == Type.EOF) {
        if (!ends.isEmpty()) {
          throw error("unexpected end of template; expected one of " + ends);
        }
        return out;
      } else if (t.type() == Type.TEXT) {
        out.add(new Stmt.Text(next().value()));
      } else if (t.type() == Type.VAR_BEGIN) {
        pos++;
        out.add(new Stmt.Output(expression()));
        expect(Type.VAR_END);
      } else {
        Token keyword = tokens.get(pos + 1);
        if (ends.contains(keyword.value())) {
          return out;
        }
        pos += 2;
        out.add(statement(keyword));
      }
    }
  }

  /** Consumes {@code {% keyword %}} after a body. */
  private String end(Set<String> ends) {
    pos++;
    String keyword = next().value();
    if (!ends.contains(keyword)) {
      throw error("unexpected '" + keyword + "'");
    }
    return keyword;
  }

  private Stmt statement(Token keyword) {
    switch (keyword.value()) {
      case "if":
        return ifStatement();
      case "for":
        return forStatement();
      case "set":
        return setStatement();
      case "macro":
        return macro();
      case "filter":
        {
          List<Expr.Filter> filters = filterChain();
          expect(Type.BLOCK_END);
          List<Stmt> body = body(Set.of("endfilter"));
          end(Set.of("endfilter"));
          expect(Type.BLOCK_END);
          return new Stmt.Captured(null, null, filters, body);
        }
      case "generation":
        {
          expect(Type.BLOCK_END);
          List<Stmt> body = body(Set.of("endgeneration"));
          end(Set.of("endgeneration"));
          expect(Type.BLOCK_END);
          return new Stmt.Captured(null, null, List.of(), body);
        }
      case "break":
      case "continue":
        expect(Type.BLOCK_END);
        return new Stmt.LoopControl(
            keyword.value().equals("break") ? Stmt.LoopSignal.BREAK : Stmt.LoopSignal.CONTINUE);
      default:
        throw JinjaException.syntax("unknown tag '" + keyword.value() + "'", keyword.line());
    }
  }

  private Stmt ifStatement() {
    List<Expr> conditions = new ArrayList<>();
    List<List<Stmt>> bodies = new ArrayList<>();
    List<Stmt> otherwise = List.of();
    conditions.add(tuple());
    expect(Type.BLOCK_END);
    Set<String> ends = Set.of("elif", "else", "endif");
    while (true) {
      bodies.add(body(ends));
      String k = end(ends);
      if (k.equals("elif")) {
        conditions.add(tuple());
        expect(Type.BLOCK_END);
      } else if (k.equals("else")) {
        expect(Type.BLOCK_END);
        otherwise = body(Set.of("endif"));
        end(Set.of("endif"));
        expect(Type.BLOCK_END);
        break;
      } else {
        expect(Type.BLOCK_END);
        break;
      }
    }
    return new Stmt.If(conditions, bodies, otherwise);
  }

  private Stmt forStatement() {
    List<String> targets = new ArrayList<>();
    boolean paren = acceptOp("(");
    do {
      targets.add(expectName());
    } while (acceptOp(","));
    if (paren) {
      expectOp(")");
    }
    if (!acceptName("in")) {
      throw error("expected 'in' in for loop");
    }
    Expr iterable = tuple(false);
    Expr filter = acceptName("if") ? tuple() : null;
    if (acceptName("recursive")) {
      throw JinjaException.unsupported("recursive for loops");
    }
    expect(Type.BLOCK_END);
    List<Stmt> body = body(Set.of("else", "endfor"));
    List<Stmt> otherwise = List.of();
    if (end(Set.of("else", "endfor")).equals("else")) {
      expect(Type.BLOCK_END);
      otherwise = body(Set.of("endfor"));
      end(Set.of("endfor"));
    }
    expect(Type.BLOCK_END);
    return new Stmt.For(targets, iterable, filter, body, otherwise);
  }

  private Stmt setStatement() {
    List<String> targets = new ArrayList<>();
    String attribute = null;
    targets.add(expectName());
    if (acceptOp(".")) {
      attribute = expectName();
    } else {
      while (acceptOp(",")) {
        targets.add(expectName());
      }
    }
    if (acceptOp("=")) {
      Expr value = tuple();
      expect(Type.BLOCK_END);
      return new Stmt.Set(targets, attribute, value);
    }
    List<Expr.Filter> filters = peek().isOp("|") ? filterChain() : List.of();
    expect(Type.BLOCK_END);
    List<Stmt> body = body(Set.of("endset"));
    end(Set.of("endset"));
    expect(Type.BLOCK_END);
    return new Stmt.Captured(targets.get(0), attribute, filters, body);
  }

  private Stmt macro() {
    String name = expectName();
    List<String> params = new ArrayList<>();
    List<@Nullable Expr> defaults = new ArrayList<>();
    expectOp("(");
    while (!acceptOp(")")) {
      if (!params.isEmpty()) {
        expectOp(",");
        if (acceptOp(")")) {
          break;
        }
      }
      params.add(expectName());
      defaults.add(acceptOp("=") ? expression() : null);
    }
    expect(Type.BLOCK_END);
    List<Stmt> body = body(Set.of("endmacro"));
    end(Set.of("endmacro"));
    expect(Type.BLOCK_END);
    return new Stmt.Macro(name, params, defaults, body);
  }

  private List<Expr.Filter> filterChain() {
    List<Expr.Filter> filters = new ArrayList<>();
    acceptOp("|");
    do {
      filters.add(filterCall(null));
    } while (acceptOp("|"));
    return filters;
  }
}
