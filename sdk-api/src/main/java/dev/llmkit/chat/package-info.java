/** llmkit chat API. */
@NullMarked
package dev.llmkit.chat;

import org.jspecify.annotations.NullMarked;
