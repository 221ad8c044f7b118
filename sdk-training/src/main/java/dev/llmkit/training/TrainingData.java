package dev.llmkit.training;

import dev.llmkit.training.internal.Converter;
import dev.llmkit.training.internal.Validator;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks and converts fine-tuning JSONL files locally, before they are uploaded.
 *
 * <pre>{@code
 * ValidationReport report = TrainingData.validate(Path.of("train.jsonl"));
 * if (!report.isValid()) {
 *   report.issues().forEach(System.err::println);   // "line 12: ERROR unknown_role: ..."
 * }
 * System.out.println(report.examples() + " examples, ~" + report.totalTokens() + " tokens");
 * }</pre>
 *
 * <p>Files are read line by line in one pass, so a file of any size validates in bounded memory
 * (the longest line, the kept issues, and 12 bytes per example for duplicate detection).
 *
 * <p><b>Token estimates</b> use jtokkit's {@code o200k_base} encoding (or {@code cl100k_base}) with
 * OpenAI's chat framing: 3 tokens per message plus its role and content, 1 more for a {@code name},
 * 3 per example for the reply priming; tool calls add their name and arguments, tool definitions
 * their JSON. Images and audio are not counted. Prompt/completion examples count the two texts
 * only. Preference (DPO) examples count the input and both outputs.
 */
public final class TrainingData {
  private TrainingData() {}

  /**
   * Validates {@code file} with {@link ValidationOptions#defaults()}.
   *
   * @throws IllegalArgumentException if {@code file} does not exist or is not readable
   * @throws java.io.UncheckedIOException if reading fails midway
   */
  public static ValidationReport validate(Path file) {
    return validate(file, ValidationOptions.defaults());
  }

  /**
   * Validates {@code file} with {@code options}.
   *
   * @throws IllegalArgumentException if {@code file} does not exist or is not readable
   * @throws java.io.UncheckedIOException if reading fails midway
   */
  public static ValidationReport validate(Path file, ValidationOptions options) {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(options, "options == null");
    return new Validator(options).validate(file);
  }

  /**
   * Rewrites a legacy {@code {"prompt","completion"}} file as chat examples, {@code
   * {"messages":[{"role":"user",...},{"role":"assistant",...}]}}, and returns the number of
   * examples written. Same as {@code convertPromptCompletionToChat(in, out, null)}.
   */
  public static long convertPromptCompletionToChat(Path in, Path out) {
    return convertPromptCompletionToChat(in, out, null);
  }

  /**
   * Rewrites a legacy {@code {"prompt","completion"}} file as chat examples, each starting with a
   * system message of {@code systemPrompt} when it is not null, and returns the number of examples
   * written. {@code out} is created or replaced. Texts are copied verbatim: remove separators such
   * as {@code "\n\n###\n\n"} or stop words that the legacy models needed first, if you no longer
   * want the model to produce them. Blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the line if a line is not a prompt/completion object
   *     (the output is then incomplete), or if {@code in} is missing or is {@code out}
   * @throws java.io.UncheckedIOException if reading or writing fails
   */
  public static long convertPromptCompletionToChat(
      Path in, Path out, @Nullable String systemPrompt) {
    Objects.requireNonNull(in, "in == null");
    Objects.requireNonNull(out, "out == null");
    return Converter.convert(in, out, systemPrompt, ValidationOptions.DEFAULT_MAX_LINE_CHARS);
  }
}
