/**
 * Fine-tuning data tools that run locally, before anything is uploaded: {@link
 * dev.llmkit.training.TrainingData#validate(java.nio.file.Path)} checks a JSONL file line by line
 * and {@link dev.llmkit.training.TrainingData#convertPromptCompletionToChat(java.nio.file.Path,
 * java.nio.file.Path)} rewrites legacy prompt/completion files in the chat format.
 */
@NullMarked
package dev.llmkit.training;

import org.jspecify.annotations.NullMarked;
