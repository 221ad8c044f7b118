/**
 * Tokenizers read from GGUF metadata: SentencePiece-style ({@code llama}) and byte-level BPE
 * ({@code gpt2}), WordPiece ({@code bert}; {@link
 * dev.llmkit.local.internal.tokenizer.WordPieceTokenizer} adds BERT's framing and truncation),
 * special-token splitting, and streaming UTF-8 decoding. Not API.
 */
@NullMarked
package dev.llmkit.local.internal.tokenizer;

import org.jspecify.annotations.NullMarked;
