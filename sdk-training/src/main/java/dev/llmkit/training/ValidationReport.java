package dev.llmkit.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TrainingData#validate} found in a training file: its format, counts, token estimates,
 * the issues with their line numbers, and the limits it breaks. Immutable.
 *
 * <p>Token figures are estimates over the examples that parsed as the file's format, counted with
 * OpenAI's tokenizer plus its chat framing overhead (see {@link TrainingData}). {@link #issues()}
 * holds at most {@link ValidationOptions#maxIssues()} entries; the counts cover all of them.
 */
public final class ValidationReport {
  private final @Nullable TrainingFormat format;
  private final long lines;
  private final long examples;
  private final long validExamples;
  private final long messages;
  private final long tokenizedExamples;
  private final long minTokensPerExample;
  private final long maxTokensPerExample;
  private final long totalTokens;
  private final long duplicates;
  private final long errorCount;
  private final long warningCount;
  private final List<ValidationIssue> issues;
  private final List<ValidationIssue> limitsBroken;

  private ValidationReport(Builder b) {
    this.format = b.format;
    this.lines = b.lines;
    this.examples = b.examples;
    this.validExamples = b.validExamples;
    this.messages = b.messages;
    this.tokenizedExamples = b.tokenizedExamples;
    this.minTokensPerExample = b.minTokensPerExample;
    this.maxTokensPerExample = b.maxTokensPerExample;
    this.totalTokens = b.totalTokens;
    this.duplicates = b.duplicates;
    this.errorCount = b.errorCount;
    this.warningCount = b.warningCount;
    this.issues = Collections.unmodifiableList(new ArrayList<>(b.issues));
    this.limitsBroken = Collections.unmodifiableList(new ArrayList<>(b.limitsBroken));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The format of the file's examples; empty when no line could be recognised. */
  public Optional<TrainingFormat> format() {
    return Optional.ofNullable(format);
  }

  /** Lines read, blank ones included. */
  public long lines() {
    return lines;
  }

  /** Non-blank lines: each is one example, valid or not. */
  public long examples() {
    return examples;
  }

  /** Examples without errors. */
  public long validExamples() {
    return validExamples;
  }

  /** Chat messages over all examples (for preference examples: input and both outputs). */
  public long messages() {
    return messages;
  }

  /** The fewest estimated tokens in one example; 0 when none was counted. */
  public long minTokensPerExample() {
    return minTokensPerExample;
  }

  /** The most estimated tokens in one example; 0 when none was counted. */
  public long maxTokensPerExample() {
    return maxTokensPerExample;
  }

  /** The mean estimated tokens per example; 0 when none was counted. */
  public double meanTokensPerExample() {
    return tokenizedExamples == 0 ? 0 : (double) totalTokens / tokenizedExamples;
  }

  /** Estimated tokens over all counted examples, for one epoch. */
  public long totalTokens() {
    return totalTokens;
  }

  /** The number of examples whose tokens were estimated. */
  public long tokenizedExamples() {
    return tokenizedExamples;
  }

  /** Examples identical to an earlier one. */
  public long duplicates() {
    return duplicates;
  }

  public long errorCount() {
    return errorCount;
  }

  public long warningCount() {
    return warningCount;
  }

  /** The issues in line order (file-level ones, line 0, last), at most {@code maxIssues}. */
  public List<ValidationIssue> issues() {
    return issues;
  }

  /** The issues at {@code line}, among those kept. */
  public List<ValidationIssue> issuesAt(long line) {
    List<ValidationIssue> out = new ArrayList<>();
    for (ValidationIssue i : issues) {
      if (i.line() == line) {
        out.add(i);
      }
    }
    return out;
  }

  /** File-level issues for limits: too few examples, examples above the token limit. */
  public List<ValidationIssue> limitsBroken() {
    return limitsBroken;
  }

  /** Whether the file has no errors (warnings allowed), so a provider should accept it. */
  public boolean isValid() {
    return errorCount == 0;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ValidationReport r
        && format == r.format
        && lines == r.lines
        && examples == r.examples
        && validExamples == r.validExamples
        && messages == r.messages
        && tokenizedExamples == r.tokenizedExamples
        && minTokensPerExample == r.minTokensPerExample
        && maxTokensPerExample == r.maxTokensPerExample
        && totalTokens == r.totalTokens
        && duplicates == r.duplicates
        && errorCount == r.errorCount
        && warningCount == r.warningCount
        && issues.equals(r.issues)
        && limitsBroken.equals(r.limitsBroken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        format,
        lines,
        examples,
        validExamples,
        messages,
        totalTokens,
        errorCount,
        warningCount,
        issues);
  }

  @Override
  public String toString() {
    return "ValidationReport{format="
        + format
        + ", examples="
        + examples
        + ", valid="
        + validExamples
        + ", messages="
        + messages
        + ", tokens="
        + totalTokens
        + " (min "
        + minTokensPerExample
        + ", max "
        + maxTokensPerExample
        + ", mean "
        + Math.round(meanTokensPerExample())
        + "), errors="
        + errorCount
        + ", warnings="
        + warningCount
        + "}";
  }

  public static final class Builder {
    private @Nullable TrainingFormat format;
    private long lines;
    private long examples;
    private long validExamples;
    private long messages;
    private long tokenizedExamples;
    private long minTokensPerExample;
    private long maxTokensPerExample;
    private long totalTokens;
    private long duplicates;
    private long errorCount;
    private long warningCount;
    private List<ValidationIssue> issues = List.of();
    private List<ValidationIssue> limitsBroken = List.of();

    private Builder() {}

    public Builder format(@Nullable TrainingFormat format) {
      this.format = format;
      return this;
    }

    public Builder lines(long lines) {
      this.lines = lines;
      return this;
    }

    public Builder examples(long examples) {
      this.examples = examples;
      return this;
    }

    public Builder validExamples(long validExamples) {
      this.validExamples = validExamples;
      return this;
    }

    public Builder messages(long messages) {
      this.messages = messages;
      return this;
    }

    /** Sets the token figures over {@code count} examples. */
    public Builder tokens(long count, long min, long max, long total) {
      this.tokenizedExamples = count;
      this.minTokensPerExample = min;
      this.maxTokensPerExample = max;
      this.totalTokens = total;
      return this;
    }

    public Builder duplicates(long duplicates) {
      this.duplicates = duplicates;
      return this;
    }

    public Builder counts(long errorCount, long warningCount) {
      this.errorCount = errorCount;
      this.warningCount = warningCount;
      return this;
    }

    public Builder issues(List<ValidationIssue> issues) {
      this.issues = List.copyOf(issues);
      return this;
    }

    public Builder limitsBroken(List<ValidationIssue> limitsBroken) {
      this.limitsBroken = List.copyOf(limitsBroken);
      return this;
    }

    public ValidationReport build() {
      return new ValidationReport(this);
    }
  }
}
