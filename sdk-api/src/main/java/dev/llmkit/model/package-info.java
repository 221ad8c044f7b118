/** llmkit model API. */
@NullMarked
package dev.llmkit.model;

import org.jspecify.annotations.NullMarked;
