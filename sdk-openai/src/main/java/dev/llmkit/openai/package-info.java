/** The OpenAI provider: {@link dev.llmkit.openai.OpenAiClient} for OpenAI, Azure OpenAI and OpenAI-compatible servers. */
@NullMarked
package dev.llmkit.openai;

import org.jspecify.annotations.NullMarked;
