/**
 * The OpenAI provider (module sdk-openai): {@link dev.llmkit.openai.OpenAiClient} for OpenAI, Azure
 * OpenAI and OpenAI-compatible servers, found by {@code Llm.client()} through {@code
 * OpenAiProvider}.
 *
 * <p>Map of the module (all but this package are internal, not API):
 *
 * <ul>
 *   <li>{@code openai.internal.http}: the Retrofit/OkHttp transport: authentication, retries,
 *       redirects, logging with redaction, error mapping, server-sent events and their limits.
 *   <li>{@code openai.internal.wire}: the JSON wire records and their mapping to sdk-api types.
 *   <li>{@code openai.internal.service}: one implementation per sdk-api service interface.
 * </ul>
 */
@NullMarked
package dev.llmkit.openai;

import org.jspecify.annotations.NullMarked;
