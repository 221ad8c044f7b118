package dev.llmkit.local.internal.jinja;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** Python's {@code strftime} directives (C locale) for transformers' {@code strftime_now}. */
final class Strftime {
  private Strftime() {}

  static String format(String pattern, ZonedDateTime t) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%' || i + 1 >= pattern.length()) {
        sb.append(c);
        continue;
      }
      char d = pattern.charAt(++i);
      boolean noPad = d == '-' && i + 1 < pattern.length();
      if (noPad) {
        d = pattern.charAt(++i);
      }
      sb.append(directive(d, t, noPad));
    }
    return sb.toString();
  }

  private static String directive(char d, ZonedDateTime t, boolean noPad) {
    switch (d) {
      case 'd':
        return pad(t.getDayOfMonth(), 2, noPad);
      case 'm':
        return pad(t.getMonthValue(), 2, noPad);
      case 'Y':
        return String.valueOf(t.getYear());
      case 'y':
        return pad(t.getYear() % 100, 2, noPad);
      case 'H':
        return pad(t.getHour(), 2, noPad);
      case 'I':
        return pad(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2, noPad);
      case 'M':
        return pad(t.getMinute(), 2, noPad);
      case 'S':
        return pad(t.getSecond(), 2, noPad);
      case 'j':
        return pad(t.getDayOfYear(), 3, noPad);
      case 'p':
        return t.getHour() < 12 ? "AM" : "PM";
      case 'b':
        return t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'B':
        return t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'a':
        return t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'A':
        return t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'Z':
        return t.getZone().getId().equals("Z") ? "UTC" : t.getZone().getId();
      case 'z':
        return DateTimeFormatter.ofPattern("xx", Locale.ROOT).format(t);
      case '%':
        return "%";
      default:
        return "%" + d;
    }
  }

  private static String pad(int v, int width, boolean noPad) {
    String s = String.valueOf(v);
    return noPad ? s : "0".repeat(Math.max(0, width - s.length())) + s;
  }
}
