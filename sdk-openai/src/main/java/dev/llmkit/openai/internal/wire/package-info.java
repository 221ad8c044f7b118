/** OpenAI wire DTOs, the single ObjectMapper and the DTO mapping. Not API. */
@NullMarked
package dev.llmkit.openai.internal.wire;

import org.jspecify.annotations.NullMarked;
