package dev.llmkit.embedding;

/** Placeholder; filled in by the API work. */
public interface EmbeddingService {}
