/** The local file store: one content file plus one metadata sidecar per stored file. Not API. */
@NullMarked
package dev.llmkit.local.internal.files;

import org.jspecify.annotations.NullMarked;
