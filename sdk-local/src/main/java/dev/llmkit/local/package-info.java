/**
 * The local provider (module sdk-local): {@link dev.llmkit.local.LocalClient} runs GGUF models
 * inside the JVM, in pure Java; {@link dev.llmkit.local.LocalModels} manages the model cache.
 *
 * <p>How a {@code LocalClient} runs requests: up to {@code maxConcurrentRequests} are generated at
 * once, each with its own KV cache, and the rest wait in line; their steps run batched ({@code
 * maxBatchSize}), each output as if alone. Streams are pull-driven: a token is computed only when
 * requested, and disposing a stream stops its generation. Chunks arrive on the client's inference
 * threads: move slow work, and above all blocking calls to the client, off them with {@code
 * observeOn}. Sampling defaults follow llama.cpp (temperature 0.8, top-k 40, top-p 0.95, min-p
 * 0.05).
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
