package dev.llmkit.local.internal.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a guard model answered: {@code safe}, or {@code unsafe} followed by a line of hazard codes
 * such as {@code S1,S10}. Output in any other shape is {@link Kind#UNPARSED}.
 *
 * @param kind the verdict
 * @param codes the hazard codes of an unsafe verdict, upper-cased, in the model's order
 */
public record GuardVerdict(Kind kind, List<String> codes) {
  private static final Pattern CODE = Pattern.compile("S\\d{1,2}");

  /** The verdict kinds; their {@code value} is reported in {@code extra().guard_verdict}. */
  public enum Kind {
    SAFE("safe"),
    UNSAFE("unsafe"),
    UNPARSED("unparsed");

    final String value;

    Kind(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  public GuardVerdict {
    codes = List.copyOf(codes);
  }

  /** Parses the generated text; leading blank lines and surrounding spaces are ignored. */
  public static GuardVerdict parse(String output) {
    String[] lines = output.strip().split("\\R");
    String first = lines[0].strip().toLowerCase(Locale.ROOT);
    if (first.equals("safe")) {
      return new GuardVerdict(Kind.SAFE, List.of());
    }
    if (!first.equals("unsafe")) {
      return new GuardVerdict(Kind.UNPARSED, List.of());
    }
    List<String> codes = new ArrayList<>();
    if (lines.length > 1) {
      for (String part : lines[1].split(",")) {
        String code = part.strip().toUpperCase(Locale.ROOT);
        if (CODE.matcher(code).matches() && !codes.contains(code)) {
          codes.add(code);
        }
      }
    }
    return new GuardVerdict(Kind.UNSAFE, codes);
  }
}
