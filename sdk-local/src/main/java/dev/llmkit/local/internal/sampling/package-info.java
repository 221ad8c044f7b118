/**
 * Token sampling on raw logits: penalties, logit bias, truncation (top-k, top-p, min-p),
 * temperature, seeded randomness and log-probabilities. Not API.
 */
@NullMarked
package dev.llmkit.local.internal.sampling;

import org.jspecify.annotations.NullMarked;
