/**
 * HTTP plumbing of the OpenAI provider: Retrofit interface, interceptors, retries, SSE. Not API.
 */
@NullMarked
package dev.llmkit.openai.internal.http;

import org.jspecify.annotations.NullMarked;
