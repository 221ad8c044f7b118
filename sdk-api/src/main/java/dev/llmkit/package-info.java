/** llmkit: sdk-api. */
@NullMarked
package dev.llmkit;

import org.jspecify.annotations.NullMarked;
