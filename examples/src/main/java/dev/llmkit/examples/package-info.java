/**
 * Runnable llmkit examples. Each class has a {@code main} that gets its client from {@link
 * dev.llmkit.Llm#client()} and a static {@code run(LlmClient, PrintStream, …)} with the example's
 * logic, which the tests call against WireMock and a tiny local model.
 *
 * <p>By default ({@code llmkit.properties} in this module) they run on the local provider with a
 * small GGUF model; choose another with {@code -Dllmkit.local.model=/path/model.gguf}, or run on
 * OpenAI with {@code -Dllmkit.provider=openai} and {@code OPENAI_API_KEY} set.
 */
@NullMarked
package dev.llmkit.examples;

import org.jspecify.annotations.NullMarked;
