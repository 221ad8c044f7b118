/**
 * Tensors over memory-mapped GGUF data and the scalar and vector kernels that compute with them.
 * Internal: not API.
 *
 * <p>{@link dev.llmkit.local.internal.tensor.TensorTypes} is the table of the ggml types the engine
 * computes with; {@link dev.llmkit.local.internal.gguf.GgmlType#isComputable()}, the load errors'
 * "supported:" lists and the tensor tests all read it. Most types are one {@link
 * dev.llmkit.local.internal.tensor.BlockFormat} class (block layout, decoding, scalar dot product)
 * served by the generic {@link dev.llmkit.local.internal.tensor.BlockTensor}; types with an on-heap
 * copy or hand-tuned kernels (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K) have a tensor class and
 * {@link dev.llmkit.local.internal.tensor.Kernels} methods of their own.
 *
 * <h2>How to add a tensor type</h2>
 *
 * <ol>
 *   <li>Check that {@code GgmlType} lists it with its ggml id, elements per block and bytes per
 *       block (ggml-common.h's {@code block_*} struct). The GGUF reader knows more types than the
 *       engine computes with.
 *   <li>Write one {@code XxxFormat extends BlockFormat} (see {@code Q2_KFormat}): a class comment
 *       with the byte layout of a block, {@code decode} (one block to floats, with the same float
 *       operations as ggml's {@code dequantize_row_*}, so that results match llama.cpp's {@code
 *       to_float} and gguf-py bit for bit), and, when decoding in place beats the default
 *       decode-then-multiply, a scalar {@code dot}. Types that share a layout can share a class
 *       with one instance per type ({@code LegacyFormat}).
 *   <li>Add one line {@code add(XxxFormat.INSTANCE);} to {@code TensorTypes}. The type now loads
 *       and runs on the scalar kernels and, through {@code VectorBlockDots.decodeAndDot}, on the
 *       Vector API.
 *   <li>Optional, for speed: a Vector API kernel in {@code VectorBlockDots} that decodes quants in
 *       registers, and its {@code case} in {@code VectorBlockDots.dot}.
 *   <li>Tests: teach the test-side oracle ({@code testing/QuantOracle}: where {@code random} puts
 *       the block scales, and an element-by-element {@code element} decoder written from the ggml
 *       sources, not from your format class). {@code DequantizeTest} and {@code KernelsTest} then
 *       cover the type (decoding, scalar dot, vector against scalar) because they iterate over
 *       {@code TensorTypes}. Against native llama.cpp: add the type to the llama, {@code embd-} and
 *       {@code head-} lists of {@code testing/SeededModels}, run {@code
 *       benchmarks/llama-cpp/record-refs.sh} for the new names and commit the JSON files it writes;
 *       {@code SeededLlamaCppReferenceTest} then checks the layout exactly (embedding probe) and
 *       the whole model, and {@code LlamaCppHeadProbeTest} the dot kernels (teach {@code
 *       testing/LlamaCppActivations} which activation rounding llama.cpp uses for it: the type's
 *       {@code vec_dot_type} in ggml-cpu). If {@code ../shared/models/reference} has a llama.cpp
 *       reference for a file of the type, add its name to {@code
 *       RandomWeightReferenceTest.REFERENCES}.
 *   <li>List the type in the README's local engine section.
 * </ol>
 *
 * <p>A type that needs an on-heap form (decoded scales in float arrays for speed) gets its own
 * {@code FloatTensor} subclass instead of a format, a {@code heapBytes} estimate and a table line
 * with both ({@code Q4_KTensor} is the model).
 */
@NullMarked
package dev.llmkit.local.internal.tensor;

import org.jspecify.annotations.NullMarked;
