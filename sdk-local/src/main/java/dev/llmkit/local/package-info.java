/** llmkit: sdk-local. */
@NullMarked
package dev.llmkit.local;

import org.jspecify.annotations.NullMarked;
