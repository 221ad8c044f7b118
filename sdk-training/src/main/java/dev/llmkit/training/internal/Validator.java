package dev.llmkit.training.internal;

import static dev.llmkit.training.ValidationIssue.BLANK_LINE;
import static dev.llmkit.training.ValidationIssue.DUPLICATE;
import static dev.llmkit.training.ValidationIssue.INVALID_ENCODING;
import static dev.llmkit.training.ValidationIssue.INVALID_JSON;
import static dev.llmkit.training.ValidationIssue.LINE_TOO_LONG;
import static dev.llmkit.training.ValidationIssue.LONG_EXAMPLE;
import static dev.llmkit.training.ValidationIssue.MISSING_KEY;
import static dev.llmkit.training.ValidationIssue.MIXED_FORMATS;
import static dev.llmkit.training.ValidationIssue.NOT_AN_OBJECT;
import static dev.llmkit.training.ValidationIssue.TOO_FEW_EXAMPLES;
import static dev.llmkit.training.ValidationIssue.TOO_MANY_TOKENS;

import dev.llmkit.training.Severity;
import dev.llmkit.training.TrainingFormat;
import dev.llmkit.training.ValidationIssue;
import dev.llmkit.training.ValidationOptions;
import dev.llmkit.training.ValidationReport;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Validates a JSONL file in one streaming pass. Memory is bounded by the longest line, the kept
 * issues and 12 bytes per distinct example (for duplicate detection).
 */
public final class Validator implements IssueSink {
  private final ValidationOptions options;
  private final ExampleChecker checker;
  private final LongIntMap seen = new LongIntMap();
  private final List<ValidationIssue> issues = new ArrayList<>();
  private @Nullable TrainingFormat format;
  private long line;
  private long examples;
  private long validExamples;
  private long messages;
  private long tokenized;
  private long minTokens = Long.MAX_VALUE;
  private long maxTokens;
  private long totalTokens;
  private long duplicates;
  private long errors;
  private long warnings;
  private long overLimit;
  private long firstOverLimit;
  private long lineErrors;

  public Validator(ValidationOptions options) {
    this.options = options;
    this.checker = new ExampleChecker(new TokenEstimator(options.encoding()));
    this.format = options.expectedFormat().orElse(null);
  }

  /**
   * Validates {@code file}.
   *
   * @throws IllegalArgumentException if {@code file} is not a readable regular file
   * @throws UncheckedIOException if reading fails midway
   */
  public ValidationReport validate(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "file " + file.toAbsolutePath() + " does not exist or is not a readable file");
    }
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (LineReader reader =
        new LineReader(
            new InputStreamReader(Files.newInputStream(file), decoder), options.maxLineChars())) {
      long blankRun = 0;
      String text;
      while ((text = reader.next()) != null) {
        line++;
        if (!reader.overflowed() && text.isBlank()) {
          blankRun++;
          continue;
        }
        for (long b = line - blankRun; b < line; b++) {
          add(b, Severity.WARNING, BLANK_LINE, "blank line between examples");
        }
        blankRun = 0;
        examples++;
        lineErrors = 0;
        if (reader.overflowed()) {
          error(
              LINE_TOO_LONG,
              "the line is longer than " + options.maxLineChars() + " characters; it was skipped");
        } else {
          checkLine(text);
        }
        if (lineErrors == 0) {
          validExamples++;
        }
      }
    } catch (CharacterCodingException e) {
      add(
          line + 1,
          Severity.ERROR,
          INVALID_ENCODING,
          "the file is not valid UTF-8 here; validation stopped");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file.toAbsolutePath() + ": " + e, e);
    }
    return report();
  }

  private void checkLine(String text) {
    JsonTree tree;
    try {
      tree = JsonTree.parse(text);
    } catch (JsonTree.MalformedJsonException e) {
      String reason = String.valueOf(e.getMessage());
      error(
          INVALID_JSON,
          "invalid JSON"
              + (e.column() > 0 ? " at column " + e.column() : "")
              + ": "
              + (reason.length() <= 160 ? reason : reason.substring(0, 160) + "…"));
      return;
    }
    if (!(tree.value() instanceof Map<?, ?> raw)) {
      error(NOT_AN_OBJECT, "each line must be a JSON object, not " + Json.typeOf(tree.value()));
      return;
    }
    Map<String, Object> example = Json.object(raw);
    TrainingFormat detected = ExampleChecker.detect(example);
    if (detected == null) {
      error(
          MISSING_KEY,
          "the example has none of the keys messages, prompt/completion, or "
              + "input/preferred_output/non_preferred_output");
      return;
    }
    if (format == null) {
      format = detected;
    } else if (detected != format) {
      error(
          MIXED_FORMATS,
          "this example is in the " + detected + " format but the file is " + format);
      return;
    }
    ExampleChecker.Counts counts = checker.check(detected, example, this);
    messages += counts.messages();
    tokens(counts.tokens());
    int first = seen.putIfAbsent(tree.hash(), (int) Math.min(line, Integer.MAX_VALUE));
    if (first >= 0) {
      duplicates++;
      warning(DUPLICATE, "the same example as line " + first);
    }
  }

  private void tokens(long n) {
    tokenized++;
    totalTokens += n;
    minTokens = Math.min(minTokens, n);
    maxTokens = Math.max(maxTokens, n);
    if (n > options.maxTokensPerExample()) {
      if (overLimit++ == 0) {
        firstOverLimit = line;
      }
      error(
          TOO_MANY_TOKENS,
          "about "
              + n
              + " tokens, above the limit of "
              + options.maxTokensPerExample()
              + " per example");
    } else if (n > options.warnTokensPerExample()) {
      warning(LONG_EXAMPLE, "about " + n + " tokens, above " + options.warnTokensPerExample());
    }
  }

  private ValidationReport report() {
    List<ValidationIssue> limits = new ArrayList<>();
    if (validExamples < options.minExamples()) {
      ValidationIssue few =
          ValidationIssue.of(
              0,
              Severity.ERROR,
              TOO_FEW_EXAMPLES,
              validExamples
                  + " valid example(s); at least "
                  + options.minExamples()
                  + " are required");
      limits.add(few);
      add(few);
    }
    if (overLimit > 0) {
      limits.add(
          ValidationIssue.of(
              0,
              Severity.ERROR,
              TOO_MANY_TOKENS,
              overLimit
                  + " example(s) exceed "
                  + options.maxTokensPerExample()
                  + " tokens (first: line "
                  + firstOverLimit
                  + ")"));
    }
    return ValidationReport.builder()
        .format(format)
        .lines(line)
        .examples(examples)
        .validExamples(validExamples)
        .messages(messages)
        .tokens(tokenized, tokenized == 0 ? 0 : minTokens, maxTokens, totalTokens)
        .duplicates(duplicates)
        .counts(errors, warnings)
        .issues(issues)
        .limitsBroken(limits)
        .build();
  }

  @Override
  public void error(String code, String message) {
    lineErrors++;
    add(line, Severity.ERROR, code, message);
  }

  @Override
  public void warning(String code, String message) {
    add(line, Severity.WARNING, code, message);
  }

  private void add(long at, Severity severity, String code, String message) {
    add(ValidationIssue.of(at, severity, code, message));
  }

  private void add(ValidationIssue issue) {
    if (issue.isError()) {
      errors++;
    } else {
      warnings++;
    }
    if (issues.size() < options.maxIssues()) {
      issues.add(issue);
    }
  }
}
