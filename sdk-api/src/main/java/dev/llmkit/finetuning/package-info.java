/** llmkit finetuning API. */
@NullMarked
package dev.llmkit.finetuning;

import org.jspecify.annotations.NullMarked;
