package dev.llmkit.training;

/** How serious a {@link ValidationIssue} is. */
public enum Severity {
  /**
   * The provider would reject the file (or the example); {@link ValidationReport#isValid()} is
   * false.
   */
  ERROR,
  /** Allowed, but probably not what was meant: duplicates, very long examples, unknown keys. */
  WARNING
}
