package dev.llmkit.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Writes small JSONL fixtures. */
final class Jsonl {
  static final String CHAT =
      "{\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
          + "{\"role\":\"user\",\"content\":\"Capital of France?\"},"
          + "{\"role\":\"assistant\",\"content\":\"Paris.\"}]}";

  private Jsonl() {}

  /** A chat example whose user message is {@code question}, so each is distinct. */
  static String chat(String question) {
    return "{\"messages\":[{\"role\":\"user\",\"content\":\""
        + question
        + "\"},"
        + "{\"role\":\"assistant\",\"content\":\"An answer.\"}]}";
  }

  /** {@code n} distinct valid chat examples. */
  static List<String> chats(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(chat("Question " + i + "?"));
    }
    return lines;
  }

  /** Ten valid examples followed by {@code extra}, so the minimum count is met. */
  static List<String> tenPlus(String... extra) {
    List<String> lines = chats(10);
    Collections.addAll(lines, extra);
    return lines;
  }

  static Path write(Path dir, List<String> lines) {
    try {
      return Files.write(
          Files.createTempFile(dir, "train", ".jsonl"), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
