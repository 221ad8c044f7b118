package dev.llmkit.training.internal;

/** Receives the issues of the line being checked. */
interface IssueSink {
  void error(String code, String message);

  void warning(String code, String message);
}
