/**
 * Moderation through a Llama Guard style guard model: prompt, verdict parsing and the mapping of
 * its hazard codes to llmkit's categories ({@code service.LocalModerationService} is the API side).
 * Not API.
 */
@NullMarked
package dev.llmkit.local.internal.moderation;

import org.jspecify.annotations.NullMarked;
