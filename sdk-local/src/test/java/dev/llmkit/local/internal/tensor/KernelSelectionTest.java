package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;

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
