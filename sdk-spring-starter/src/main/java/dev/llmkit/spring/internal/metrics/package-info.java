/** Not API: Micrometer decorators around the capability services. */
@NullMarked
package dev.llmkit.spring.internal.metrics;

import org.jspecify.annotations.NullMarked;
