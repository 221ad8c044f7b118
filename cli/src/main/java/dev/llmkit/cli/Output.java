package dev.llmkit.cli;

import java.io.PrintWriter;

/** Writes command results so that they can be piped: exact text, a newline only on a console. */
final class Output {
  private Output() {}

  /** Writes {@code text} as it is and flushes. */
  static void raw(PrintWriter out, String text) {
    out.print(text);
    out.flush();
  }

  /**
   * Ends a reply: adds a line break when a person is watching, so the shell prompt does not follow
   * the text on the same line; nothing when stdout is piped or captured.
   */
  static void endOfReply(PrintWriter out, boolean interactive) {
    if (interactive) {
      out.println();
    }
    out.flush();
  }
}
