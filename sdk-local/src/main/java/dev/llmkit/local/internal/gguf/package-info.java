/**
 * Reads GGUF model files: header, metadata and tensor infos, with tensor data memory-mapped.
 * Internal: not API.
 */
@NullMarked
package dev.llmkit.local.internal.gguf;

import org.jspecify.annotations.NullMarked;
