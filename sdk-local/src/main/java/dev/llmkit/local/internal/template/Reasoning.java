package dev.llmkit.local.internal.template;

import java.util.List;

/**
 * Qwen3's handling of {@code <think>...</think>} in assistant messages, as its chat template does
 * it.
 */
record Reasoning(String reasoning, String content) {

  /**
   * Splits like the template: content is what follows the last {@code </think>} (leading newlines
   * removed); reasoning is what precedes the first {@code </think>}, after the last {@code <think>}
   * (newlines around it removed). Text without {@code </think>} is all content.
   */
  static Reasoning split(String text) {
    int firstEnd = text.indexOf("</think>");
    if (firstEnd < 0) {
      return new Reasoning("", text);
    }
    String content =
        strip(text.substring(text.lastIndexOf("</think>") + "</think>".length()), true, false);
    String before = strip(text.substring(0, firstEnd), false, true);
    int open = before.lastIndexOf("<think>");
    String reasoning =
        strip(open >= 0 ? before.substring(open + "<think>".length()) : before, true, false);
    return new Reasoning(reasoning, content);
  }

  /**
   * The index of the last user message that is not a wrapped tool response ({@code <tool_response>
   * ... </tool_response>}), or the last index when there is none.
   */
  static int lastQueryIndex(List<Msg> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      Msg m = messages.get(i);
      String c = m.content();
      if (m.is("user") && !(c.startsWith("<tool_response>") && c.endsWith("</tool_response>"))) {
        return i;
      }
    }
    return messages.size() - 1;
  }

  /** Python's {@code lstrip('\n')} / {@code rstrip('\n')}. */
  static String strip(String s, boolean leading, boolean trailing) {
    int from = 0;
    int to = s.length();
    while (leading && from < to && s.charAt(from) == '\n') {
      from++;
    }
    while (trailing && to > from && s.charAt(to - 1) == '\n') {
      to--;
    }
    return s.substring(from, to);
  }
}
