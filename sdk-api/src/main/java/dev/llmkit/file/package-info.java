/** llmkit file API. */
@NullMarked
package dev.llmkit.file;

import org.jspecify.annotations.NullMarked;
