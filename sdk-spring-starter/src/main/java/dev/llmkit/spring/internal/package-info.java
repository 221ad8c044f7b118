/** Not API: the starter's conditions, provider selection, health and metrics plumbing. */
@NullMarked
package dev.llmkit.spring.internal;

import org.jspecify.annotations.NullMarked;
