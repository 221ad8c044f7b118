/**
 * The decoder forward pass over GGUF weights, one implementation for every supported architecture.
 * Internal: not API.
 *
 * <ul>
 *   <li>{@link dev.llmkit.local.internal.model.Architecture}: one description per architecture (its
 *       optional tensors, forward-pass options and llama.cpp's defaults for absent keys).
 *   <li>{@link dev.llmkit.local.internal.model.ModelOptions}: a description resolved against a
 *       file's metadata once at load, with per-layer arrays (sliding window, RoPE table).
 *   <li>{@link dev.llmkit.local.internal.model.LlamaConfig} (hyper-parameters), {@link
 *       dev.llmkit.local.internal.model.LlamaWeights} (tensors by ggml name, fused ones as row
 *       views), {@link dev.llmkit.local.internal.model.Llama} (the layer loop, batched prompts and
 *       single-token decode alike), {@code Attention} (causal, sliding window, soft-cap), {@code
 *       Rope}, {@link dev.llmkit.local.internal.model.Activation}, {@link
 *       dev.llmkit.local.internal.model.HiddenStates} (embeddings).
 *   <li>{@link dev.llmkit.local.internal.model.BertEncoder} over {@code BertWeights}: the BERT
 *       encoder (bert, nomic-bert) behind local embeddings, with {@code Linear}, {@code Gelu}.
 * </ul>
 *
 * <h2>How to add an architecture</h2>
 *
 * <ol>
 *   <li>Read llama.cpp's {@code src/models/<arch>.cpp}: {@code load_arch_hparams} (keys and their
 *       defaults), {@code load_arch_tensors} (required and optional tensors, shapes) and the graph.
 *   <li>If the graph only combines features that exist (normal/NeoX RoPE, q/k/v biases, q/k norms,
 *       post-norms, fused qkv or gate/up, SiLU/GELU-tanh, embedding scale, attention and final
 *       soft-caps, sliding-window layers with their own RoPE base, rope factors), add one constant
 *       to {@code Architecture} naming them: nothing else changes.
 *   <li>A new feature is: a field in {@code Architecture.Description} (what the file has), its
 *       resolved value in {@code ModelOptions} (read once at load, per layer if it varies by
 *       layer), its tensors in {@code LlamaWeights} (null when absent), and one step in {@code
 *       Llama.batch}, {@code Attention} or {@code Rope} chosen per layer or per batch, never by
 *       branching per element in a hot loop. Size new scratch buffers in {@code LlamaState} and in
 *       the KV-cache estimate of {@code Llama.newState}.
 *   <li>Check the names of the supported architectures in error messages (they come from {@code
 *       Architecture.names()}) and the README's architecture table.
 *   <li>Test against llama.cpp: a tiny random-weight file with a {@code reference/*.greedy.json} in
 *       the shared models goes into {@code ArchitectureReferenceTest} and {@code
 *       LocalReferenceTest}; options a reference does not exercise get a check in {@code
 *       ArchitectureOptionsTest} against an equivalent file (see {@code GgufCopy}). Without a
 *       shared reference, describe the architecture's tensors in {@code testing/SeededModels} (an
 *       F32 and a quantized file), record native llama.cpp's ids with {@code
 *       benchmarks/llama-cpp/record-refs.sh} and commit the JSON files: {@code
 *       SeededLlamaCppReferenceTest} picks them up. Make sure the family's end-of-turn token stops
 *       generation ({@code LocalEndOfTurnTest}).
 * </ol>
 */
@NullMarked
package dev.llmkit.local.internal.model;

import org.jspecify.annotations.NullMarked;
