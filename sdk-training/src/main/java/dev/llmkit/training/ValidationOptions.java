package dev.llmkit.training;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Limits and choices for {@link TrainingData#validate(java.nio.file.Path, ValidationOptions)}.
 * Immutable; build with {@link #builder()}. The defaults follow OpenAI's rules for
 * gpt-4o-mini-class models: at least 10 examples, at most 65,536 tokens per example.
 */
public final class ValidationOptions {
  /** OpenAI rejects training files with fewer examples. */
  public static final int DEFAULT_MIN_EXAMPLES = 10;

  /** The per-example token limit of gpt-4o-mini-class models; longer examples are truncated. */
  public static final int DEFAULT_MAX_TOKENS_PER_EXAMPLE = 65_536;

  /** Examples above this many tokens get a {@link ValidationIssue#LONG_EXAMPLE} warning. */
  public static final int DEFAULT_WARN_TOKENS_PER_EXAMPLE = 32_768;

  /** At most this many issues are kept in the report; all are counted. */
  public static final int DEFAULT_MAX_ISSUES = 1_000;

  /** Lines longer than this many characters are reported and skipped, not read into memory. */
  public static final int DEFAULT_MAX_LINE_CHARS = 8 * 1024 * 1024;

  private static final ValidationOptions DEFAULTS = builder().build();

  private final int minExamples;
  private final int maxTokensPerExample;
  private final int warnTokensPerExample;
  private final int maxIssues;
  private final int maxLineChars;
  private final TokenEncoding encoding;
  private final @Nullable TrainingFormat expectedFormat;

  private ValidationOptions(Builder b) {
    this.minExamples = atLeast(b.minExamples, 0, "minExamples");
    this.maxTokensPerExample = atLeast(b.maxTokensPerExample, 1, "maxTokensPerExample");
    this.warnTokensPerExample = atLeast(b.warnTokensPerExample, 1, "warnTokensPerExample");
    this.maxIssues = atLeast(b.maxIssues, 0, "maxIssues");
    this.maxLineChars = atLeast(b.maxLineChars, 16, "maxLineChars");
    this.encoding = Objects.requireNonNull(b.encoding, "encoding == null");
    this.expectedFormat = b.expectedFormat;
  }

  private static int atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(
          name + " is " + value + "; it must be " + min + " or more");
    }
    return value;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** OpenAI's defaults for gpt-4o-mini-class models. */
  public static ValidationOptions defaults() {
    return DEFAULTS;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The fewest valid examples a file may hold; fewer is an error. Default 10. */
  public int minExamples() {
    return minExamples;
  }

  /** Examples with more estimated tokens are errors. Default 65,536. */
  public int maxTokensPerExample() {
    return maxTokensPerExample;
  }

  /** Examples with more estimated tokens get a warning. Default 32,768. */
  public int warnTokensPerExample() {
    return warnTokensPerExample;
  }

  /** How many issues the report keeps (all are counted). Default 1,000. */
  public int maxIssues() {
    return maxIssues;
  }

  /** Longer lines are skipped with an error instead of being read into memory. Default 8 Mi. */
  public int maxLineChars() {
    return maxLineChars;
  }

  /** The tokenizer for estimates. Default {@link TokenEncoding#O200K_BASE}. */
  public TokenEncoding encoding() {
    return encoding;
  }

  /** The format every line must have; empty means the first example decides. */
  public Optional<TrainingFormat> expectedFormat() {
    return Optional.ofNullable(expectedFormat);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ValidationOptions v
        && minExamples == v.minExamples
        && maxTokensPerExample == v.maxTokensPerExample
        && warnTokensPerExample == v.warnTokensPerExample
        && maxIssues == v.maxIssues
        && maxLineChars == v.maxLineChars
        && encoding == v.encoding
        && expectedFormat == v.expectedFormat;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        minExamples,
        maxTokensPerExample,
        warnTokensPerExample,
        maxIssues,
        maxLineChars,
        encoding,
        expectedFormat);
  }

  @Override
  public String toString() {
    return "ValidationOptions{minExamples="
        + minExamples
        + ", maxTokensPerExample="
        + maxTokensPerExample
        + ", warnTokensPerExample="
        + warnTokensPerExample
        + ", maxIssues="
        + maxIssues
        + ", encoding="
        + encoding
        + (expectedFormat == null ? "" : ", expectedFormat=" + expectedFormat)
        + "}";
  }

  public static final class Builder {
    private int minExamples = DEFAULT_MIN_EXAMPLES;
    private int maxTokensPerExample = DEFAULT_MAX_TOKENS_PER_EXAMPLE;
    private int warnTokensPerExample = DEFAULT_WARN_TOKENS_PER_EXAMPLE;
    private int maxIssues = DEFAULT_MAX_ISSUES;
    private int maxLineChars = DEFAULT_MAX_LINE_CHARS;
    private TokenEncoding encoding = TokenEncoding.O200K_BASE;
    private @Nullable TrainingFormat expectedFormat;

    private Builder() {}

    private Builder(ValidationOptions o) {
      this.minExamples = o.minExamples;
      this.maxTokensPerExample = o.maxTokensPerExample;
      this.warnTokensPerExample = o.warnTokensPerExample;
      this.maxIssues = o.maxIssues;
      this.maxLineChars = o.maxLineChars;
      this.encoding = o.encoding;
      this.expectedFormat = o.expectedFormat;
    }

    public Builder minExamples(int minExamples) {
      this.minExamples = minExamples;
      return this;
    }

    public Builder maxTokensPerExample(int maxTokensPerExample) {
      this.maxTokensPerExample = maxTokensPerExample;
      return this;
    }

    public Builder warnTokensPerExample(int warnTokensPerExample) {
      this.warnTokensPerExample = warnTokensPerExample;
      return this;
    }

    public Builder maxIssues(int maxIssues) {
      this.maxIssues = maxIssues;
      return this;
    }

    public Builder maxLineChars(int maxLineChars) {
      this.maxLineChars = maxLineChars;
      return this;
    }

    public Builder encoding(TokenEncoding encoding) {
      this.encoding = Objects.requireNonNull(encoding, "encoding == null");
      return this;
    }

    /** Requires every line to have {@code format}; null lets the first example decide. */
    public Builder expectedFormat(@Nullable TrainingFormat format) {
      this.expectedFormat = format;
      return this;
    }

    public ValidationOptions build() {
      return new ValidationOptions(this);
    }
  }
}
