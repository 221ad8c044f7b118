/**
 * A Jinja engine for chat templates: executes a GGUF's {@code tokenizer.chat_template} with the
 * semantics of Python jinja2 as Hugging Face transformers configures it (see {@link
 * dev.llmkit.local.internal.jinja.JinjaTemplate}). Written for this module rather than taken from a
 * library so that sdk-local keeps no third-party dependencies and templates see Python's behaviour
 * (string methods, None handling, error messages). Not API.
 */
@NullMarked
package dev.llmkit.local.internal.jinja;

import org.jspecify.annotations.NullMarked;
