package dev.llmkit.openai;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The OkHttp threads a test's own client may leave behind. OkHttp's shared TaskRunner threads serve
 * every client in the JVM (connection-pool clean-up, connect attempts) and end after 60 s idle;
 * while they run a task they carry its name, so they are recognised by their stack. Threads that
 * other test classes' clients left are excluded by identity: compare with a {@link #snapshot()}
 * taken before the client was built.
 */
final class OkHttpThreads {
  private OkHttpThreads() {}

  /** The live OkHttp threads that do not belong to the shared TaskRunner. */
  static Set<Thread> snapshot() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().isAlive() && e.getKey().getName().startsWith("OkHttp"))
        .filter(e -> !e.getKey().getName().startsWith("OkHttp TaskRunner"))
        .filter(e -> Arrays.stream(e.getValue()).noneMatch(OkHttpThreads::sharedRunner))
        .map(java.util.Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** Names of the OkHttp threads started since {@code before} and still alive. */
  static List<String> since(Set<Thread> before) {
    return snapshot().stream()
        .filter(t -> !before.contains(t))
        .map(Thread::getName)
        .sorted()
        .toList();
  }

  private static boolean sharedRunner(StackTraceElement frame) {
    return frame.getClassName().startsWith("okhttp3.internal.concurrent.TaskRunner");
  }
}
