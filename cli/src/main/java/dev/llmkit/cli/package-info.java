/**
 * The {@code llmkit} command line: picocli commands over {@link dev.llmkit.LlmClient}. Run it with
 * {@code java -jar cli/target/llmkit.jar --help}. Not a library API; the command line itself is the
 * interface.
 */
@NullMarked
package dev.llmkit.cli;

import org.jspecify.annotations.NullMarked;
