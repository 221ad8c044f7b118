/**
 * The local provider's fine-tuning service: jobs persisted in the data directory, run one after
 * another on a background executor, and the fine-tuned models they produce. Internal: not API.
 */
@NullMarked
package dev.llmkit.local.internal.finetune;

import org.jspecify.annotations.NullMarked;
