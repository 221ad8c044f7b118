/**
 * Model resolution: local paths and {@code hf:} specs, the download cache, resumable verified
 * downloads and progress reporting. Not API.
 */
@NullMarked
package dev.llmkit.local.internal.download;

import org.jspecify.annotations.NullMarked;
