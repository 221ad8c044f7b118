/**
 * Speed benchmarks of the local engine next to llama.cpp: {@link dev.llmkit.benchmarks.BenchMain}
 * runs each engine in its own JVM and prints a table; {@link dev.llmkit.benchmarks.SyntheticGguf}
 * writes larger random-weight models to measure on. Not part of the SDK.
 */
@NullMarked
package dev.llmkit.benchmarks;

import org.jspecify.annotations.NullMarked;
