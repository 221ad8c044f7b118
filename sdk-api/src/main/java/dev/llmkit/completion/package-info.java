/** llmkit completion API. */
@NullMarked
package dev.llmkit.completion;

import org.jspecify.annotations.NullMarked;
