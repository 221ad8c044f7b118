/**
 * Chat templates: renders messages and tool definitions into the prompt text a model was trained on
 * by executing the GGUF's {@code tokenizer.chat_template} ({@link
 * dev.llmkit.local.internal.template.JinjaChatTemplate}, chosen by {@link
 * dev.llmkit.local.internal.template.TemplateSelection}), with built-in family renderers as
 * fallback and override; splits replies into content, tool calls and reasoning. Not API.
 */
@NullMarked
package dev.llmkit.local.internal.template;

import org.jspecify.annotations.NullMarked;
