/** Moderation through a Llama Guard style guard model. Not API. */
@NullMarked
package dev.llmkit.local.internal.moderation;

import org.jspecify.annotations.NullMarked;
