package dev.llmkit.training.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites {@code {"prompt","completion"}} lines as {@code {"messages": [system?, user,
 * assistant]}} lines, streaming: one line in memory at a time. Text is copied verbatim, including
 * any separator or stop sequence the legacy format relied on.
 */
public final class Converter {
  private Converter() {}

  /**
   * Converts {@code in} to {@code out} (created or replaced) and returns the examples written.
   * Blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the line when a line is not a prompt/completion object;
   *     {@code out} is then incomplete
   */
  public static long convert(Path in, Path out, @Nullable String systemPrompt, int maxLineChars) {
    if (!Files.isRegularFile(in) || !Files.isReadable(in)) {
      throw new IllegalArgumentException(
          "in " + in.toAbsolutePath() + " does not exist or is not a readable file");
    }
    try {
      if (Files.exists(out) && Files.isSameFile(in, out)) {
        throw new IllegalArgumentException("in and out are the same file: " + in.toAbsolutePath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long count = 0;
    long line = 0;
    try (LineReader reader =
            new LineReader(Files.newBufferedReader(in, StandardCharsets.UTF_8), maxLineChars);
        Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        JsonGenerator g = JsonTree.FACTORY.createGenerator(writer)) {
      g.setRootValueSeparator(null);
      String text;
      while ((text = reader.next()) != null) {
        line++;
        if (reader.overflowed()) {
          throw new IllegalArgumentException(
              "line "
                  + line
                  + " of "
                  + in.getFileName()
                  + " is longer than "
                  + maxLineChars
                  + " characters");
        }
        if (text.isBlank()) {
          continue;
        }
        PromptCompletion example = promptCompletion(text, line, in);
        writeChat(g, systemPrompt, example.prompt(), example.completion());
        g.flush();
        writer.write('\n');
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not convert " + in.toAbsolutePath() + ": " + e, e);
    }
    return count;
  }

  private record PromptCompletion(String prompt, String completion) {}

  private static PromptCompletion promptCompletion(String text, long line, Path in) {
    Object value;
    try {
      value = JsonTree.parse(text).value();
    } catch (JsonTree.MalformedJsonException e) {
      throw new IllegalArgumentException(
          "line " + line + " of " + in.getFileName() + " is not valid JSON: " + e.getMessage());
    }
    Map<String, Object> example = Json.objectOrNull(value);
    if (example != null
        && example.get("prompt") instanceof String prompt
        && example.get("completion") instanceof String completion) {
      return new PromptCompletion(prompt, completion);
    }
    throw new IllegalArgumentException(
        "line "
            + line
            + " of "
            + in.getFileName()
            + " is not a {\"prompt\": string, \"completion\": string} object");
  }

  private static void writeChat(
      JsonGenerator g, @Nullable String system, String prompt, String completion)
      throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("messages");
    if (system != null) {
      message(g, "system", system);
    }
    message(g, "user", prompt);
    message(g, "assistant", completion);
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void message(JsonGenerator g, String role, String content) throws IOException {
    g.writeStartObject();
    g.writeStringField("role", role);
    g.writeStringField("content", content);
    g.writeEndObject();
  }
}
