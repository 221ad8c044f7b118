/**
 * Types shared by several capabilities: token {@link dev.llmkit.common.Usage} and list {@link
 * dev.llmkit.common.Page}s.
 */
@NullMarked
package dev.llmkit.common;

import org.jspecify.annotations.NullMarked;
