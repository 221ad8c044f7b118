package dev.llmkit.completion;

/** Placeholder; filled in by the API work. */
public interface CompletionService {}
