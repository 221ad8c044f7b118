/**
 * Every implementation of an llmkit service interface on the local provider, and the wiring that
 * builds them ({@code LocalServices}): chat, completions, embeddings, moderation, files ({@code
 * LocalFileStore}), fine-tuning and models. The machinery they call lives in the other internal
 * packages; the architecture test keeps service implementations here. Not API.
 */
@NullMarked
package dev.llmkit.local.internal.service;

import org.jspecify.annotations.NullMarked;
