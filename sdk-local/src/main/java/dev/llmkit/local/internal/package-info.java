/** sdk-local's implementation, not API: argument checks here, the engine in the subpackages. */
@NullMarked
package dev.llmkit.local.internal;

import org.jspecify.annotations.NullMarked;
