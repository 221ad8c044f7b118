/** Embeddings from GGUF models: the bert encoder, WordPiece tokenizer and pooling of decoder hidden states. Not API. */
@NullMarked
package dev.llmkit.local.internal.embedding;

import org.jspecify.annotations.NullMarked;
