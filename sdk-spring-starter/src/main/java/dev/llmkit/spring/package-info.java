/** llmkit: sdk-spring-starter. */
@NullMarked
package dev.llmkit.spring;

import org.jspecify.annotations.NullMarked;
