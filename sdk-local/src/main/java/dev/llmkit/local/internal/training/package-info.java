/**
 * LoRA fine-tuning in pure Java: the adapter, the forward and backward passes over frozen GGUF
 * weights, AdamW and the training loop. Internal: not API.
 */
@NullMarked
package dev.llmkit.local.internal.training;

import org.jspecify.annotations.NullMarked;
