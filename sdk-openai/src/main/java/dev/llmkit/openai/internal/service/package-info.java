/** OpenAI implementations of the llmkit service interfaces. Not API. */
@NullMarked
package dev.llmkit.openai.internal.service;

import org.jspecify.annotations.NullMarked;
