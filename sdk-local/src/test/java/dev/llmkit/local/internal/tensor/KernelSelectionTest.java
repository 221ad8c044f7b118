package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
      KernelSelection.select("true", false);
    } finally {
      logger.removeHandler(capture);
    }

    assertThat(records).hasSize(1);
    assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
    assertThat(records.get(0).getMessage())
        .contains("--add-modules jdk.incubator.vector")
        .containsPattern("about \\d+(\\.\\d+)?x slower generation");
  }

  @Test
  void disablingTheVectorPathOnPurposeIsNoWarning() {
    List<Level> levels = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            levels.add(r.getLevel());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger("dev.llmkit.local");
    logger.addHandler(capture);
    try {
      KernelSelection.select("false", false);
    } finally {
      logger.removeHandler(capture);
    }

    assertThat(levels).containsExactly(Level.INFO);
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
}
