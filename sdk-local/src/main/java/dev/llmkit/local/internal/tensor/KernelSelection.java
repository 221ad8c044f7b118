package dev.llmkit.local.internal.tensor;

import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the kernels once, when this class is initialised. The Vector API path is used when the
 * JVM was started with {@code --add-modules jdk.incubator.vector} and the system property {@code
 * llmkit.local.vector} is not {@code false}. {@code VectorKernels} is loaded only in that case, by
 * name, so the scalar path never touches the incubator module. The choice is logged once: at
 * WARNING when the module is missing (with the exact flag) or the vector kernels fail to load, at
 * INFO when the property or the CPU's vector shape keeps the scalar kernels, and at DEBUG when the
 * vector kernels are chosen.
 */
final class KernelSelection {
  /** System property that disables the Vector API path when set to {@code false}. */
  static final String PROPERTY = "llmkit.local.vector";

  /**
   * The one line a JVM without the module logs. The factors are from the measurement in issue 12
   * (BENCHMARKS.md): SmolLM2-135M shape, Q8_0, 2 threads, public API, Vector API 98.9 / 25.1 vs
   * scalar 13.7 / 7.80 tokens/s for prompt / generation.
   */
  static final String MISSING_MODULE_WARNING =
      "llmkit local engine: scalar kernels, about"
          + " 3x slower generation and 7x slower prompt processing than the Vector API kernels;"
          + " start the JVM with --add-modules jdk.incubator.vector";

  private static final String VECTOR_CLASS = "dev.llmkit.local.internal.tensor.VectorKernels";

  /** The thread that initialised this class, so chose the kernels (see {@link SelectionAhead}). */
  static final String SELECTED_ON = Thread.currentThread().getName();

  static final Kernels ACTIVE =
      select(
          System.getProperty(PROPERTY, "true"),
          ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());

  private KernelSelection() {}

  /** The kernels for this property value and module availability; logs the choice. */
  static Kernels select(String property, boolean vectorModulePresent) {
    return select(property, vectorModulePresent, VECTOR_CLASS);
  }

  /** {@link #select(String, boolean)} with the vector kernels loaded from {@code vectorClass}. */
  static Kernels select(String property, boolean vectorModulePresent, String vectorClass) {
    System.Logger log = System.getLogger("dev.llmkit.local");
    if ("false".equalsIgnoreCase(property.trim())) {
      log.log(Level.INFO, "llmkit local engine: scalar kernels (-D" + PROPERTY + "=false)");
      return ScalarKernels.INSTANCE;
    }
    if (!vectorModulePresent) {
      log.log(Level.WARNING, MISSING_MODULE_WARNING);
      return ScalarKernels.INSTANCE;
    }
    Kernels vector;
    try {
      vector = load(vectorClass);
    } catch (ReflectiveOperationException | LinkageError e) {
      log.log(
          Level.WARNING,
          "llmkit local engine: scalar kernels, because the Vector API kernels failed to load on"
              + " Java "
              + Runtime.version()
              + " ("
              + e
              + "); generation is several times slower. Please report this with the Java"
              + " version; -D"
              + PROPERTY
              + "=false silences this line.");
      return ScalarKernels.INSTANCE;
    }
    if (vector == null) {
      log.log(
          Level.INFO,
          "llmkit local engine: scalar kernels (the Vector API is present but"
              + " this CPU's vector shape is not supported)");
      return ScalarKernels.INSTANCE;
    }
    // DEBUG: the expected outcome prints nothing by default. A first line through the JDK's
    // default logging costs a cold JVM 40-55 ms (handler and date formatting set-up), here on the
    // path of the first model's load.
    log.log(
        Level.DEBUG, "llmkit local engine: " + vector.name() + " kernels (jdk.incubator.vector)");
    return vector;
  }

  /**
   * The vector kernels, or null when the preferred vector shape is not one they handle or they do
   * not load on this JVM.
   */
  static @Nullable Kernels loadVectorKernels() {
    try {
      return load(VECTOR_CLASS);
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  /** The kernels of {@code name} (warmed up), or null when its shape is not supported. */
  private static @Nullable Kernels load(String name) throws ReflectiveOperationException {
    Class<?> c = Class.forName(name);
    try {
      if (!(Boolean) c.getMethod("isSupported").invoke(null)) {
        return null;
      }
      Kernels kernels = (Kernels) c.getField("INSTANCE").get(null);
      c.getMethod("warmUp").invoke(null);
      return kernels;
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof LinkageError) {
        throw (LinkageError) e.getCause();
      }
      throw e;
    }
  }
}
