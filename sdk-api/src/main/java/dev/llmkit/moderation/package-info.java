/** llmkit moderation API. */
@NullMarked
package dev.llmkit.moderation;

import org.jspecify.annotations.NullMarked;
