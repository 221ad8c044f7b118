package dev.llmkit.file;

/** Placeholder; filled in by the API work. */
public interface FileService {}
