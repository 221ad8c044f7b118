/**
 * Fine-tuning data tools that run locally, before anything is uploaded (module sdk-training):
 * {@link dev.llmkit.training.TrainingData#validate(java.nio.file.Path)} checks a JSONL file line by
 * line and {@link
 * dev.llmkit.training.TrainingData#convertPromptCompletionToChat(java.nio.file.Path,
 * java.nio.file.Path)} rewrites legacy prompt/completion files in the chat format.
 *
 * <p>{@code training.internal} (not API) holds the streaming JSON reader, the line and message
 * checks, the token estimate and the converter.
 */
@NullMarked
package dev.llmkit.training;

import org.jspecify.annotations.NullMarked;
