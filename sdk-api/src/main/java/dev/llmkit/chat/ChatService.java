package dev.llmkit.chat;

/** Placeholder; filled in by the API work. */
public interface ChatService {}
