/** Tensors over memory-mapped GGUF data and the scalar and vector kernels that compute with them. Internal: not API. */
@NullMarked
package dev.llmkit.local.internal.tensor;

import org.jspecify.annotations.NullMarked;
