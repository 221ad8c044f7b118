/**
 * Embeddings from GGUF models: {@link dev.llmkit.local.internal.embedding.EmbeddingModels} opens a
 * file as an {@link dev.llmkit.local.internal.embedding.EmbeddingModel} (the BERT encoder in {@code
 * internal.model}, or a decoder whose hidden states are pooled) and {@link
 * dev.llmkit.local.internal.embedding.Pooling} says how token states become one vector. Not API.
 */
@NullMarked
package dev.llmkit.local.internal.embedding;

import org.jspecify.annotations.NullMarked;
