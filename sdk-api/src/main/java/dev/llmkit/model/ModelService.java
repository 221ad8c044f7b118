package dev.llmkit.model;

/** Placeholder; filled in by the API work. */
public interface ModelService {}
