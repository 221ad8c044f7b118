/**
 * The OpenAI SDKs over HTTP: {@link dev.llmkit.benchmarks.http.HttpBench} runs llmkit, langchain4j
 * and openai-java, each in its own JVM, against one fixed-response mock server on 127.0.0.1 and
 * prints a table. Not part of the SDK.
 */
@NullMarked
package dev.llmkit.benchmarks.http;

import org.jspecify.annotations.NullMarked;
