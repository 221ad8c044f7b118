package dev.llmkit.moderation;

/** Placeholder; filled in by the API work. */
public interface ModerationService {}
