/** Implementation of the training-data tools; not API. */
@NullMarked
package dev.llmkit.training.internal;

import org.jspecify.annotations.NullMarked;
