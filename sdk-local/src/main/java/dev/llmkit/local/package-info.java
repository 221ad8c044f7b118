/**
 * The local provider (module sdk-local): {@link dev.llmkit.local.LocalClient} runs GGUF models
 * inside the JVM, in pure Java; {@link dev.llmkit.local.LocalModels} manages the model cache.
 *
 * <p>Map of the module (all but this package are internal, not API):
 *
 * <ul>
 *   <li>{@code internal.service}: every sdk-api service implementation and their wiring.
 *   <li>{@code internal.engine}: generation sessions, the request scheduler, stop matching.
 *   <li>{@code internal.model}: forward passes (the decoder for every architecture, the BERT
 *       encoder); {@code internal.tensor}: quantized tensors and scalar/Vector API kernels.
 *   <li>{@code internal.gguf}: the GGUF reader; {@code internal.download}: {@code hf:} model
 *       downloads and the cache.
 *   <li>{@code internal.tokenizer}: BPE, SentencePiece and WordPiece tokenizers.
 *   <li>{@code internal.template}: chat templates (render prompts, parse replies); {@code
 *       internal.jinja}: the Jinja engine they run on; {@code internal.json}: JSON.
 *   <li>{@code internal.sampling}: samplers; {@code internal.grammar}: JSON-schema and tool-call
 *       constraints compiled to token masks.
 *   <li>{@code internal.embedding}: embedding models and pooling; {@code internal.moderation}: the
 *       guard model; {@code internal.files}: the file store's format.
 *   <li>{@code internal.finetune}: fine-tuning jobs; {@code internal.training}: LoRA training.
 * </ul>
 */
@NullMarked
package dev.llmkit.local;

import org.jspecify.annotations.NullMarked;
