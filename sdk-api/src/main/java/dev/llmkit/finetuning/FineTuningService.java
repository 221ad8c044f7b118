package dev.llmkit.finetuning;

/** Placeholder; filled in by the API work. */
public interface FineTuningService {}
