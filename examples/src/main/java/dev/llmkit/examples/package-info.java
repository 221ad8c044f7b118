/** llmkit: examples. */
@NullMarked
package dev.llmkit.examples;

import org.jspecify.annotations.NullMarked;
