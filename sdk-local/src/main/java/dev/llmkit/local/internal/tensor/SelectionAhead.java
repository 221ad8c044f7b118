package dev.llmkit.local.internal.tensor;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the kernel selection ({@link KernelSelection}, initialised once per process) on a daemon
 * thread of its own while the first model loads. The selection does not depend on the model: it
 * initialises the Vector API's classes and calls each kernel once per shape (a link error falls
 * back to the scalar kernels there), 110–150 ms of a first TinyLlama Q8_0 load of 310–390 ms on two
 * cores, while the loader parses the file, maps the weights and builds the tokenizer. The loader's
 * first {@link Kernels#active()} waits for the class initialisation to finish (the JVM makes any
 * thread wait for a class another thread is initialising) and gets its result; a failure there
 * reaches it as the cause of its {@code NoClassDefFoundError}.
 *
 * <p>The overlap is partial: during a first load the other core is mostly busy compiling the
 * loader's own code. Measured in fresh JVMs, alternating (BENCHMARKS.md, session 18): {@code
 * build()} median 372 → 368 ms on TinyLlama Q8_0 (15 runs each), 490 → 458 ms on Qwen2.5-0.5B
 * Q4_K_M, whose 151,936-token vocabulary gives the selection more to overlap (12 runs each).
 */
final class SelectionAhead {
  static final String THREAD_NAME = "llmkit-local-kernel-selection";

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private SelectionAhead() {}

  /** Starts the selection thread unless it was started before; returns at once. */
  static void start() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(SelectionAhead::select, THREAD_NAME);
    t.setDaemon(true);
    try {
      t.start();
    } catch (OutOfMemoryError e) {
      // no thread to spare: the loader's first Kernels.active() makes the choice itself
    }
  }

  private static void select() {
    Kernels.active();
  }
}
