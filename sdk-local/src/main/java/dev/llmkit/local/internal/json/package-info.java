/**
 * JSON without a JSON library: {@link dev.llmkit.local.internal.json.Json} writes (Python {@code
 * json.dumps} style) and parses tool definitions, tool calls, training data and job files; {@link
 * dev.llmkit.local.internal.json.CompactJson} writes the whitespace-free text structured output
 * constrains a model to. Both share one string quoting. Not API.
 */
@NullMarked
package dev.llmkit.local.internal.json;

import org.jspecify.annotations.NullMarked;
