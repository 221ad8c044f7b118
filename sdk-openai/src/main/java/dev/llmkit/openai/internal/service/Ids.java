package dev.llmkit.openai.internal.service;

import java.util.Objects;

/** Argument checks for resource ids used in URL paths. */
final class Ids {
  private Ids() {}

  /** Returns {@code id} if it is neither null nor blank; {@code name} names the parameter. */
  static String check(String id, String name, String example) {
    Objects.requireNonNull(id, name + " == null");
    if (id.isBlank()) {
      throw new IllegalArgumentException(
          name + " is blank; an id such as " + example + " is required");
    }
    return id;
  }
}
