/** Implementation helpers of sdk-api. Not API: never referenced from a public signature. */
@NullMarked
package dev.llmkit.internal;

import org.jspecify.annotations.NullMarked;
