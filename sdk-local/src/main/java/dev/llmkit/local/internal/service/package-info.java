/** The local provider's implementations of the llmkit service interfaces. Not API. */
@NullMarked
package dev.llmkit.local.internal.service;

import org.jspecify.annotations.NullMarked;
