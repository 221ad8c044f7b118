/**
 * Generation: sessions with their own KV cache, the bounded inference scheduler, stop-sequence
 * matching and the grammar constraint of each sequence. Not API.
 */
@NullMarked
package dev.llmkit.local.internal.engine;

import org.jspecify.annotations.NullMarked;
