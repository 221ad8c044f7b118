/** llmkit embedding API. */
@NullMarked
package dev.llmkit.embedding;

import org.jspecify.annotations.NullMarked;
