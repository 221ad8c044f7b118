/**
 * Chat templates: renders messages and tool definitions into the prompt text a model was trained
 * on, chosen from the GGUF's {@code tokenizer.chat_template}; plus a small JSON writer/reader for
 * tool definitions and model-emitted tool calls. Not API.
 */
@NullMarked
package dev.llmkit.local.internal.chat;

import org.jspecify.annotations.NullMarked;
