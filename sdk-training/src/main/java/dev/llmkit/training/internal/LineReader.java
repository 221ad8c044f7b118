package dev.llmkit.training.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * Reads lines ({@code \n} or {@code \r\n}) through a fixed buffer. A line longer than {@code
 * maxChars} is skipped to its end without being kept, so one huge line cannot exhaust the heap.
 */
public final class LineReader implements Closeable {
  private final Reader in;
  private final int maxChars;
  private final char[] buf = new char[64 * 1024];
  private final StringBuilder line = new StringBuilder();
  private int pos;
  private int limit;
  private boolean overflowed;
  private boolean first = true;

  public LineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** Returns the next line without its terminator, or null at the end of input. */
  public @Nullable String next() throws IOException {
    line.setLength(0);
    overflowed = false;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        int n = in.read(buf);
        if (n <= 0) {
          return any ? finish() : null;
        }
        pos = 0;
        limit = n;
      }
      any = true;
      int start = pos;
      while (pos < limit && buf[pos] != '\n') {
        pos++;
      }
      append(start, pos);
      if (pos < limit) {
        pos++; // the '\n'
        return finish();
      }
    }
  }

  /** Whether the last line returned exceeded the limit (it was returned empty). */
  public boolean overflowed() {
    return overflowed;
  }

  private void append(int from, int to) {
    if (overflowed) {
      return;
    }
    if (line.length() + (to - from) > maxChars) {
      overflowed = true;
      line.setLength(0);
      return;
    }
    line.append(buf, from, to - from);
  }

  private String finish() {
    int n = line.length();
    if (n > 0 && line.charAt(n - 1) == '\r') {
      line.setLength(n - 1);
    }
    if (first) {
      first = false;
      if (line.length() > 0 && line.charAt(0) == '\uFEFF') {
        line.deleteCharAt(0); // UTF-8 byte order mark
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
