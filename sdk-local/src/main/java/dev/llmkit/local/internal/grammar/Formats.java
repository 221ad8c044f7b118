package dev.llmkit.local.internal.grammar;

import java.util.Map;

/**
 * The string {@code format}s the constraint enforces, as patterns. They are strict subsets of the
 * formats' languages so that every generated value is valid: dates use days 01-28 in every month
 * plus 29-30 and 31 where every year has them, e-mail domains end in a common top-level domain, and
 * lengths stay within RFC 5321's.
 */
final class Formats {
  private static final String DATE =
      "[12][0-9]{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
          + "|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)";
  private static final String TIME =
      "(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,6})?"
          + "(?:Z|\\+(?:0[0-9]|1[0-7]):[0-5][0-9]|-(?:0[1-9]|1[0-7]):[0-5][0-9])";
  private static final String LABEL = "[a-z0-9]{1,20}(?:-[a-z0-9]{1,20})?";

  static final Map<String, String> PATTERNS =
      Map.of(
          "date", "^" + DATE + "$",
          "date-time", "^" + DATE + "T" + TIME + "$",
          "uuid", "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
          "email",
              "^[a-z0-9]{1,16}(?:[._+-][a-z0-9]{1,16}){0,2}@"
                  + LABEL
                  + "(?:\\."
                  + LABEL
                  + ")?"
                  + "\\.(?:com|org|net|edu|io|dev)$",
          "ipv4",
              "^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
                  + "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$");

  private Formats() {}
}
