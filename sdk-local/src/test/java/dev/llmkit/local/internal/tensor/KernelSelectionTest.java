package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KernelSelectionTest {
  @Test
  void propertyFalseSelectsScalarKernels() {
    assertThat(KernelSelection.select("false", true)).isSameAs(ScalarKernels.INSTANCE);
    assertThat(KernelSelection.select(" FALSE ", true)).isSameAs(ScalarKernels.INSTANCE);
  }

  @Test
  void missingVectorModuleSelectsScalarKernels() {
    assertThat(KernelSelection.select("true", false)).isSameAs(ScalarKernels.INSTANCE);
  }

  @Test
  void missingVectorModuleLogsOneWarningWithTheExactFlag() {
    List<LogRecord> records = logsOf(() -> KernelSelection.select("true", false));

    assertThat(records).hasSize(1);
    assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
    assertThat(records.get(0).getMessage())
        .contains("--add-modules jdk.incubator.vector")
        .containsPattern("about \\d+(\\.\\d+)?x slower generation");
  }

  @Test
  void disablingTheVectorPathOnPurposeIsNoWarning() {
    List<LogRecord> records = logsOf(() -> KernelSelection.select("false", false));

    assertThat(records).extracting(LogRecord::getLevel).containsExactly(Level.INFO);
  }

  @Test
  void vectorModuleSelectsVectorKernelsWhenTheShapeIsSupported() {
    boolean hasModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    Kernels selected = KernelSelection.select("true", hasModule);

    if (hasModule && KernelSelection.loadVectorKernels() != null) {
      assertThat(selected.name()).startsWith("vector(");
      assertThat(Kernels.active()).isSameAs(selected);
    } else {
      assertThat(selected).isSameAs(ScalarKernels.INSTANCE);
    }
  }

  @Test
  void choosingTheVectorKernelsPrintsNothingByDefault() {
    boolean hasModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    Logger logger = Logger.getLogger("dev.llmkit.local");
    Level before = logger.getLevel();
    logger.setLevel(Level.ALL);
    List<LogRecord> records;
    try {
      records = logsOf(() -> KernelSelection.select("true", hasModule));
    } finally {
      logger.setLevel(before);
    }

    if (hasModule && KernelSelection.loadVectorKernels() != null) {
      assertThat(records).hasSize(1);
      // System.Logger's DEBUG is java.util.logging's FINE, below the default INFO threshold
      assertThat(records.get(0).getLevel()).isEqualTo(Level.FINE);
      assertThat(records.get(0).getMessage()).startsWith("llmkit local engine: vector(");
    } else {
      assertThat(records).extracting(LogRecord::getLevel).containsExactly(Level.WARNING);
    }
  }

  @Test
  void vectorKernelsThatFailToLinkLogOneWarningNamingJavaAndTheError() {
    Kernels[] selected = new Kernels[1];
    List<LogRecord> records =
        logsOf(
            () ->
                selected[0] =
                    KernelSelection.select("true", true, UnlinkableKernels.class.getName()));

    assertThat(selected[0]).isSameAs(ScalarKernels.INSTANCE);
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
    assertThat(records.get(0).getMessage())
        .contains("Java " + Runtime.version())
        .contains("NoSuchMethodError")
        .contains("ByteVector.fromByteBuffer")
        .contains("-Dllmkit.local.vector=false");
  }

  @Test
  void vectorKernelsUseNoVectorApiMethodThatLaterJdksRemoved() throws Exception {
    // JDK 19 removed the ByteBuffer loads and stores of the incubating Vector API; a kernel
    // class naming one fails to link on Java 21 and 25 and the engine falls back to scalar code.
    // BufferLoads is the one exception: it runs only where the method exists.
    Path classes =
        Path.of(VectorKernels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> offenders = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f :
          (Iterable<Path>)
              files
                      .filter(p -> p.toString().endsWith(".class"))
                      .filter(p -> !p.getFileName().toString().equals("BufferLoads.class"))
                  ::iterator) {
        String constants = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        scanned++;
        for (String removed : List.of("fromByteBuffer", "intoByteBuffer")) {
          if (constants.contains(removed)) {
            offenders.add(classes.relativize(f) + " names " + removed);
          }
        }
      }
    }
    assertThat(scanned).as("class files scanned in %s", classes).isGreaterThan(50);
    assertThat(offenders).isEmpty();
  }

  /** What {@code action} logs on logger {@code dev.llmkit.local}. */
  private static List<LogRecord> logsOf(Runnable action) {
    List<LogRecord> records = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger("dev.llmkit.local");
    logger.addHandler(capture);
    try {
      action.run();
    } finally {
      logger.removeHandler(capture);
    }
    return records;
  }

  /** Stands for kernels compiled against a Vector API method this JVM does not have. */
  public static final class UnlinkableKernels {
    private UnlinkableKernels() {}

    public static boolean isSupported() {
      throw new NoSuchMethodError(
          "'jdk.incubator.vector.ByteVector jdk.incubator.vector.ByteVector.fromByteBuffer("
              + "jdk.incubator.vector.VectorSpecies, java.nio.ByteBuffer, int, java.nio.ByteOrder)'");
    }
  }
}
