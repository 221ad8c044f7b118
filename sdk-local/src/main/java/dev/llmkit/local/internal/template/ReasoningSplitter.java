package dev.llmkit.local.internal.template;

/**
 * Splits a streamed reply of a reasoning model (Qwen3, the DeepSeek-R1 distills) into reasoning and
 * content as the text arrives: what comes inside {@code <think>...</think>} is reasoning, the rest
 * content (its leading newlines dropped, as the templates do). The reply is reasoning from the
 * start when the prompt already opened {@code <think>} (the DeepSeek-R1 templates end their
 * generation prompt with it); otherwise only when the reply starts with {@code <think>}. A tag cut
 * between two tokens is held back until it is complete. Not thread-safe: one per choice.
 */
public final class ReasoningSplitter {
  private static final String OPEN = "<think>";
  private static final String CLOSE = "</think>";

  /** Text of one step: reasoning and content, each possibly empty. */
  public record Part(String reasoning, String content) {
    static final Part EMPTY = new Part("", "");

    public boolean isEmpty() {
      return reasoning.isEmpty() && content.isEmpty();
    }
  }

  private enum State {
    START,
    REASONING_START,
    REASONING,
    CONTENT_START,
    CONTENT
  }

  private State state;
  private final StringBuilder held = new StringBuilder();

  /**
   * @param insideThink the prompt ends inside an open {@code <think>} block
   */
  public ReasoningSplitter(boolean insideThink) {
    this.state = insideThink ? State.REASONING_START : State.START;
  }

  /** Whether a rendered prompt ends inside an open {@code <think>} block. */
  public static boolean opensThink(String prompt) {
    return prompt.lastIndexOf(OPEN) > prompt.lastIndexOf(CLOSE);
  }

  /** Adds generated text; returns what can be emitted now. */
  public Part push(String text) {
    held.append(text);
    StringBuilder reasoning = new StringBuilder();
    StringBuilder content = new StringBuilder();
    while (true) {
      switch (state) {
        case START:
          {
            String t = stripLeadingWhitespace(held.toString());
            if (t.startsWith(OPEN)) {
              held.setLength(0);
              held.append(t.substring(OPEN.length()));
              state = State.REASONING_START;
              continue;
            }
            if (OPEN.startsWith(t)) {
              return part(reasoning, content); // maybe the start of <think>: wait
            }
            state = State.CONTENT;
            continue;
          }
        case REASONING_START:
        case CONTENT_START:
          {
            int i = 0;
            while (i < held.length() && held.charAt(i) == '\n') {
              i++;
            }
            held.delete(0, i);
            if (held.length() == 0) {
              return part(reasoning, content);
            }
            state = state == State.REASONING_START ? State.REASONING : State.CONTENT;
            continue;
          }
        case REASONING:
          {
            int end = held.indexOf(CLOSE);
            if (end >= 0) {
              reasoning.append(held, 0, end);
              held.delete(0, end + CLOSE.length());
              state = State.CONTENT_START;
              continue;
            }
            int keep = partialSuffix(held, CLOSE);
            reasoning.append(held, 0, held.length() - keep);
            held.delete(0, held.length() - keep);
            return part(reasoning, content);
          }
        default:
          content.append(held);
          held.setLength(0);
          return part(reasoning, content);
      }
    }
  }

  /** The end of the reply: whatever was held back. */
  public Part finish() {
    String rest = held.toString();
    held.setLength(0);
    switch (state) {
      case REASONING:
        return new Part(rest, "");
      case REASONING_START:
      case CONTENT_START:
        return Part.EMPTY;
      default:
        return new Part("", rest);
    }
  }

  private static Part part(StringBuilder reasoning, StringBuilder content) {
    return reasoning.length() == 0 && content.length() == 0
        ? Part.EMPTY
        : new Part(reasoning.toString(), content.toString());
  }

  /** The length of the longest suffix of {@code s} that is a proper prefix of {@code tag}. */
  private static int partialSuffix(CharSequence s, String tag) {
    for (int n = Math.min(tag.length() - 1, s.length()); n > 0; n--) {
      if (tag.startsWith(s.subSequence(s.length() - n, s.length()).toString())) {
        return n;
      }
    }
    return 0;
  }

  private static String stripLeadingWhitespace(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }
}
