package dev.llmkit.training;

/** The shape of the examples in a fine-tuning JSONL file. */
public enum TrainingFormat {
  /**
   * {@code {"messages": [...]}}, optionally with {@code tools} / {@code functions}: supervised
   * chat.
   */
  CHAT,
  /**
   * {@code {"prompt": "...", "completion": "..."}}: the legacy format of {@code /v1/fine-tunes}.
   */
  PROMPT_COMPLETION,
  /**
   * {@code {"input": {"messages": [...]}, "preferred_output": [...], "non_preferred_output":
   * [...]}}: preference pairs for direct preference optimization (DPO).
   */
  PREFERENCE
}
