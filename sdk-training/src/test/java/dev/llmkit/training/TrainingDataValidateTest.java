package dev.llmkit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataValidateTest {
  @TempDir Path dir;

  private ValidationReport validate(List<String> lines) {
    return TrainingData.validate(Jsonl.write(dir, lines));
  }

  /** The codes of the issues at line {@code line}. */
  private static List<String> codesAt(ValidationReport report, long line) {
    return report.issuesAt(line).stream().map(ValidationIssue::code).toList();
  }

  @Test
  void validChatFileIsValidWithCountsAndDetectedFormat() {
    ValidationReport report = validate(Jsonl.tenPlus(Jsonl.CHAT));

    assertThat(report.isValid()).isTrue();
    assertThat(report.format()).contains(TrainingFormat.CHAT);
    assertThat(report.examples()).isEqualTo(11);
    assertThat(report.validExamples()).isEqualTo(11);
    assertThat(report.messages()).isEqualTo(10 * 2 + 3);
    assertThat(report.issues()).isEmpty();
    assertThat(report.limitsBroken()).isEmpty();
  }

  @Test
  void invalidJsonIsReportedWithItsLineNumber() {
    ValidationReport report = validate(Jsonl.tenPlus("{\"messages\": [", "[1, 2]"));

    assertThat(codesAt(report, 11)).containsExactly(ValidationIssue.INVALID_JSON);
    assertThat(codesAt(report, 12)).containsExactly(ValidationIssue.NOT_AN_OBJECT);
    assertThat(report.isValid()).isFalse();
    assertThat(report.errorCount()).isEqualTo(2);
    assertThat(report.validExamples()).isEqualTo(10);
  }

  @Test
  void missingKeysUnknownRolesAndMissingAssistantAreErrors() {
    ValidationReport report =
        validate(
            Jsonl.tenPlus(
                "{\"conversation\": []}",
                "{\"messages\":[{\"role\":\"human\",\"content\":\"Hi\"},"
                    + "{\"role\":\"assistant\",\"content\":\"Hello\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "{\"messages\":[{\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello\"}]}"));

    assertThat(codesAt(report, 11)).containsExactly(ValidationIssue.MISSING_KEY);
    assertThat(codesAt(report, 12)).containsExactly(ValidationIssue.UNKNOWN_ROLE);
    assertThat(report.issuesAt(12).get(0).message()).contains("messages[0].role", "human");
    assertThat(codesAt(report, 13)).containsExactly(ValidationIssue.NO_ASSISTANT_MESSAGE);
    assertThat(codesAt(report, 14)).containsExactly(ValidationIssue.MISSING_KEY);
  }

  @Test
  void emptyContentAndWrongTypesAreErrors() {
    ValidationReport report =
        validate(
            Jsonl.tenPlus(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"\"},"
                    + "{\"role\":\"assistant\",\"content\":\"Hello\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":42},"
                    + "{\"role\":\"assistant\",\"content\":\"Hello\"}]}",
                "{\"messages\":\"hello\"}",
                "{\"messages\":[\"hello\", {\"role\":\"assistant\",\"content\":\"Hi\"}]}"));

    assertThat(codesAt(report, 11)).containsExactly(ValidationIssue.EMPTY_CONTENT);
    assertThat(codesAt(report, 12)).containsExactly(ValidationIssue.WRONG_TYPE);
    assertThat(codesAt(report, 13)).containsExactly(ValidationIssue.WRONG_TYPE);
    assertThat(codesAt(report, 14)).containsExactly(ValidationIssue.WRONG_TYPE);
  }

  @Test
  void weightMustBeZeroOrOneAndOnlyOnAssistantMessages() {
    ValidationReport report =
        validate(
            Jsonl.tenPlus(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                    + "{\"role\":\"assistant\",\"content\":\"Hello\",\"weight\":0}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                    + "{\"role\":\"assistant\",\"content\":\"Hello\",\"weight\":0.5}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"weight\":1},"
                    + "{\"role\":\"assistant\",\"content\":\"Hello\"}]}"));

    assertThat(codesAt(report, 11)).isEmpty();
    assertThat(codesAt(report, 12)).containsExactly(ValidationIssue.INVALID_WEIGHT);
    assertThat(codesAt(report, 13)).containsExactly(ValidationIssue.INVALID_WEIGHT);
  }

  @Test
  void toolsAndToolCallsAreCheckedForShape() {
    String good =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18C\"},"
            + "{\"role\":\"assistant\",\"content\":\"It is 18C.\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\"}}}]}";
    String badTools =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hello\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"parameters\":\"none\"}}]}";
    String badCall =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
            + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
            + "\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]}]}";

    ValidationReport report = validate(Jsonl.tenPlus(good, badTools, badCall));

    assertThat(codesAt(report, 11)).isEmpty();
    assertThat(codesAt(report, 12))
        .containsExactly(ValidationIssue.INVALID_TOOLS, ValidationIssue.INVALID_TOOLS);
    assertThat(codesAt(report, 13)).containsExactly(ValidationIssue.INVALID_TOOLS);
    assertThat(report.issuesAt(13).get(0).message()).contains("arguments must be a string");
  }

  @Test
  void promptCompletionFilesAreDetectedAndChecked() {
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add("{\"prompt\":\"Q" + i + " ->\",\"completion\":\" A" + i + "\\n\"}");
    }
    lines.add("{\"prompt\":\"Q ->\",\"completion\":\"\"}");
    lines.add("{\"prompt\":\"Q ->\"}");

    ValidationReport report = validate(lines);

    assertThat(report.format()).contains(TrainingFormat.PROMPT_COMPLETION);
    assertThat(codesAt(report, 11)).containsExactly(ValidationIssue.EMPTY_CONTENT);
    assertThat(codesAt(report, 12)).containsExactly(ValidationIssue.MISSING_KEY);
    assertThat(report.validExamples()).isEqualTo(10);
  }

  @Test
  void preferenceExamplesNeedOneAssistantMessagePerOutput() {
    String good =
        "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]},"
            + "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"Hello!\"}],"
            + "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"What.\"}]}";
    String twoOutputs =
        "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]},"
            + "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"A\"},"
            + "{\"role\":\"assistant\",\"content\":\"B\"}],"
            + "\"non_preferred_output\":[{\"role\":\"user\",\"content\":\"C\"}]}";
    String missing =
        "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]},"
            + "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"Hello!\"}]}";
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add(good.replace("Hi", "Hi " + i));
    }
    lines.add(twoOutputs);
    lines.add(missing);

    ValidationReport report = validate(lines);

    assertThat(report.format()).contains(TrainingFormat.PREFERENCE);
    assertThat(codesAt(report, 11))
        .containsExactly(ValidationIssue.INVALID_PREFERENCE, ValidationIssue.INVALID_PREFERENCE);
    assertThat(codesAt(report, 12)).containsExactly(ValidationIssue.MISSING_KEY);
    assertThat(report.messages()).isEqualTo(10 * 3 + 4 + 2);
  }

  @Test
  void aLineInAnotherFormatThanTheFirstIsAMixedFormatError() {
    ValidationReport report = validate(Jsonl.tenPlus("{\"prompt\":\"Q\",\"completion\":\"A\"}"));

    assertThat(report.format()).contains(TrainingFormat.CHAT);
    assertThat(codesAt(report, 11)).containsExactly(ValidationIssue.MIXED_FORMATS);
  }

  @Test
  void duplicatesAreWarningsNamingTheFirstLine() {
    ValidationReport report =
        validate(
            Jsonl.tenPlus(Jsonl.chat("Question 3?"), Jsonl.chat("Question 3?").replace(",", ", ")));

    assertThat(report.duplicates()).isEqualTo(2);
    assertThat(codesAt(report, 11)).containsExactly(ValidationIssue.DUPLICATE);
    assertThat(report.issuesAt(11).get(0).message()).contains("line 4");
    assertThat(codesAt(report, 12)).containsExactly(ValidationIssue.DUPLICATE);
    assertThat(report.isValid()).isTrue();
  }

  @Test
  void fewerThanTenExamplesBreaksTheMinimumLimit() {
    ValidationReport report = validate(Jsonl.chats(9));

    assertThat(report.isValid()).isFalse();
    assertThat(report.limitsBroken())
        .extracting(ValidationIssue::code)
        .containsExactly(ValidationIssue.TOO_FEW_EXAMPLES);
    assertThat(report.limitsBroken().get(0).line()).isZero();
  }

  @Test
  void examplesAboveTheTokenLimitAreErrorsAndLongOnesWarnings() {
    String longText = "word ".repeat(300);
    ValidationOptions options =
        ValidationOptions.builder().maxTokensPerExample(200).warnTokensPerExample(50).build();
    Path file =
        Jsonl.write(dir, Jsonl.tenPlus(Jsonl.chat(longText), Jsonl.chat("word ".repeat(60))));

    ValidationReport report = TrainingData.validate(file, options);

    assertThat(codesAt(report, 11)).containsExactly(ValidationIssue.TOO_MANY_TOKENS);
    assertThat(codesAt(report, 12)).containsExactly(ValidationIssue.LONG_EXAMPLE);
    assertThat(report.limitsBroken())
        .extracting(ValidationIssue::code)
        .containsExactly(ValidationIssue.TOO_MANY_TOKENS);
    assertThat(report.maxTokensPerExample()).isGreaterThan(300);
  }

  @Test
  void tokenEstimateFollowsOpenAisPerMessageOverhead() {
    // "user", "Hello", "assistant" and "Hi" are one o200k token each:
    // (3 + 1 + 1) + (3 + 1 + 1) + 3 priming = 13 per example.
    String example =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hi\"}]}";
    Path file = Jsonl.write(dir, List.of(example));

    ValidationReport report =
        TrainingData.validate(file, ValidationOptions.builder().minExamples(1).build());

    assertThat(report.minTokensPerExample()).isEqualTo(13);
    assertThat(report.maxTokensPerExample()).isEqualTo(13);
    assertThat(report.totalTokens()).isEqualTo(13);
    assertThat(report.meanTokensPerExample()).isEqualTo(13.0);
  }

  @Test
  void blankLinesAreWarningsAndTrailingNewlinesAreNot() {
    List<String> lines = Jsonl.chats(5);
    lines.add("");
    lines.addAll(Jsonl.chats(10).subList(5, 10));
    lines.add("");

    ValidationReport report = validate(lines);

    assertThat(codesAt(report, 6)).containsExactly(ValidationIssue.BLANK_LINE);
    assertThat(report.warningCount()).isEqualTo(1);
    assertThat(report.examples()).isEqualTo(10);
  }

  @Test
  void invalidUtf8StopsWithAnEncodingError() throws IOException {
    Path file = dir.resolve("latin1.jsonl");
    Files.write(file, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}', '\n'});

    ValidationReport report = TrainingData.validate(file);

    assertThat(report.issues())
        .extracting(ValidationIssue::code)
        .contains(ValidationIssue.INVALID_ENCODING);
    assertThat(report.isValid()).isFalse();
  }

  @Test
  void overlongLinesAreSkippedWithAnError() {
    ValidationOptions options = ValidationOptions.builder().maxLineChars(100).build();
    Path file = Jsonl.write(dir, Jsonl.tenPlus(Jsonl.chat("x".repeat(200))));

    ValidationReport report = TrainingData.validate(file, options);

    assertThat(codesAt(report, 11)).containsExactly(ValidationIssue.LINE_TOO_LONG);
  }

  @Test
  void issuesListIsCappedButCountsAreComplete() {
    List<String> lines = Jsonl.chats(10);
    for (int i = 0; i < 50; i++) {
      lines.add("not json " + i);
    }

    ValidationReport report =
        TrainingData.validate(
            Jsonl.write(dir, lines), ValidationOptions.builder().maxIssues(5).build());

    assertThat(report.issues()).hasSize(5);
    assertThat(report.errorCount()).isEqualTo(50);
  }

  @Test
  void missingFileIsAnIllegalArgument() {
    assertThatThrownBy(() -> TrainingData.validate(dir.resolve("nope.jsonl")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.jsonl");
    assertThatThrownBy(() -> TrainingData.validate(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("file");
  }
}
