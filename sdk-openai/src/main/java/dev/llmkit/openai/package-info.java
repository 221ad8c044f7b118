/** llmkit: sdk-openai. */
@NullMarked
package dev.llmkit.openai;

import org.jspecify.annotations.NullMarked;
