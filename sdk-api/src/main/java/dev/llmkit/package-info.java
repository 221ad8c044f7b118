/**
 * llmkit's provider-neutral API (module sdk-api): {@link dev.llmkit.Llm#client()} finds a provider
 * and returns an {@link dev.llmkit.LlmClient}; {@link dev.llmkit.LlmException} and its subclasses
 * are every error a call can raise.
 *
 * <p>Map of the module:
 *
 * <ul>
 *   <li>{@code dev.llmkit}: client, provider lookup, capabilities, exceptions.
 *   <li>{@code dev.llmkit.chat}, {@code .completion}, {@code .embedding}, {@code .moderation},
 *       {@code .file}, {@code .finetuning}, {@code .model}: one package per capability, each with
 *       its service interface and immutable request and response types.
 *   <li>{@code dev.llmkit.common}: types shared by several capabilities (usage, pages).
 *   <li>{@code dev.llmkit.spi}: what a provider implements to be found by {@code Llm}.
 *   <li>{@code dev.llmkit.internal}: argument checks and immutable copies; not API, never used by
 *       other modules.
 * </ul>
 */
@NullMarked
package dev.llmkit;

import org.jspecify.annotations.NullMarked;
