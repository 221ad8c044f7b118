/**
 * Grammar-constrained decoding: JSON schemas compiled to a character-level push-down automaton,
 * applied to a vocabulary through a token trie with per-state token masks. Not API.
 */
@NullMarked
package dev.llmkit.local.internal.grammar;

import org.jspecify.annotations.NullMarked;
