/**
 * Fine-tuning jobs: persisted in the data directory, run one after another on a background executor
 * ({@link dev.llmkit.local.internal.finetune.Jobs}), their settings and data sets, and the
 * fine-tuned models they produce ({@code service.LocalFineTuningService} is the API side). Not API.
 */
@NullMarked
package dev.llmkit.local.internal.finetune;

import org.jspecify.annotations.NullMarked;
