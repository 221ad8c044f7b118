package dev.llmkit.local.internal.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds stop sequences in generated text that arrives in pieces (one token's text at a time), so a
 * stop string may span several tokens.
 *
 * <p>{@link #feed} returns the text that can safely be shown: it holds back any tail that could
 * still grow into a stop string, and never returns any part of a matched stop string. After a
 * match, {@link #stopped()} is true and the text after the match is dropped. When generation ends
 * for another reason, {@link #flush()} returns what was held back.
 */
public final class StopMatcher {
  private final List<String> stops;
  private final StringBuilder held = new StringBuilder();
  private boolean stopped;

  /** {@code stops} may be empty; empty strings in it are ignored. */
  public StopMatcher(List<String> stops) {
    List<String> nonEmpty = new ArrayList<>();
    for (String s : stops) {
      if (!s.isEmpty()) {
        nonEmpty.add(s);
      }
    }
    this.stops = List.copyOf(nonEmpty);
  }

  /** Adds {@code text} and returns the part that is now safe to emit (possibly empty). */
  public String feed(String text) {
    if (stopped) {
      return "";
    }
    if (stops.isEmpty()) {
      return text;
    }
    held.append(text);
    int match = earliestMatch();
    if (match >= 0) {
      stopped = true;
      String out = held.substring(0, match);
      held.setLength(0);
      return out;
    }
    int keep = longestPartialSuffix();
    String out = held.substring(0, held.length() - keep);
    held.delete(0, held.length() - keep);
    return out;
  }

  /** Whether a stop sequence has been seen; generation should end with finish reason "stop". */
  public boolean stopped() {
    return stopped;
  }

  /** Returns and clears the held-back text; call when generation ends without a stop match. */
  public String flush() {
    String out = stopped ? "" : held.toString();
    held.setLength(0);
    return out;
  }

  private int earliestMatch() {
    int best = -1;
    for (String s : stops) {
      int i = held.indexOf(s);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }

  /** Length of the longest suffix of {@code held} that is a proper prefix of some stop string. */
  private int longestPartialSuffix() {
    int best = 0;
    for (String s : stops) {
      int max = Math.min(s.length() - 1, held.length());
      for (int len = max; len > best; len--) {
        if (regionEquals(held.length() - len, s, len)) {
          best = len;
          break;
        }
      }
    }
    return best;
  }

  private boolean regionEquals(int start, String s, int len) {
    for (int i = 0; i < len; i++) {
      if (held.charAt(start + i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
