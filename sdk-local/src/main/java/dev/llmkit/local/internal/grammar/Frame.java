package dev.llmkit.local.internal.grammar;

/**
 * One level of the automaton's stack: a grammar node and where inside it the output is. The meaning
 * of {@code phase}, {@code a}, {@code b} and {@code c} belongs to the node. Frames are values:
 * equal frames behave the same, which is what lets token masks be cached per frame.
 */
record Frame(Node node, int phase, int a, int b, int c) {
  Frame(Node node, int phase) {
    this(node, phase, 0, 0, 0);
  }
}
