/** The Llama-family forward pass (llama, qwen2, qwen3) over GGUF weights. Internal: not API. */
@NullMarked
package dev.llmkit.local.internal.model;

import org.jspecify.annotations.NullMarked;
