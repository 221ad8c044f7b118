package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.KvCacheType;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.model.LlamaState;
import dev.llmkit.local.testing.ChildJvm;
import dev.llmkit.local.testing.SharedModels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The kernel warm-up of {@link VectorWarmUp}: which kernels it runs for a model, that each runs on
 * its tiny inputs, and, in fresh JVMs, that the first forward pass after loading a model allocates
 * a fraction of what it allocates without the warm-up (the Vector API fallback allocates every
 * vector; compiled kernels keep them in registers).
 */
class VectorWarmUpTest {
  private static final int VOCAB = 512;

  private static void assumeVectorKernels() {
    assumeTrue(
        Kernels.active() instanceof VectorKernels,
        "the vector kernels are not active in this JVM (no jdk.incubator.vector or -D"
            + KernelSelection.PROPERTY
            + "=false)");
  }

  /** A 2 × 256 tensor of {@code type} over zero bytes (only its type and form matter here). */
  private static FloatTensor tensor(GgmlType type, boolean onHeap) {
    ByteBuffer data = ByteBuffer.allocate((int) type.byteSize(2 * 256));
    return TensorTypes.create(type, data, 2, 256, onHeap);
  }

  private static Set<String> names(List<VectorWarmUp.Task> tasks) {
    return tasks.stream().map(VectorWarmUp.Task::name).collect(Collectors.toSet());
  }

  @Test
  void aModelsTasksCoverEachTypeAndFormItsMatricesUse() {
    assumeVectorKernels();
    List<FloatTensor> weights =
        List.of(
            tensor(GgmlType.Q8_0, false),
            tensor(GgmlType.Q8_0, false),
            tensor(GgmlType.Q4_K, false),
            tensor(GgmlType.Q6_K, true),
            tensor(GgmlType.Q5_0, false),
            tensor(GgmlType.F32, false));

    Set<String> half = names(VectorWarmUp.modelTasks(VectorKernels.INSTANCE, weights, true));
    Set<String> single = names(VectorWarmUp.modelTasks(VectorKernels.INSTANCE, weights, false));

    assertThat(half)
        .contains(
            "dotRows Q8_0",
            "decodeRow Q8_0",
            "dotRows Q4_K",
            "decodeRow Q4_K",
            "dotRows Q6_K on heap",
            "decodeRow Q6_K on heap",
            "dotRows Q5_0",
            "decodeRow Q5_0",
            "dotRows F32",
            "attention scores f16",
            "attention weightedSum f16",
            "attention softmax")
        .doesNotContain("decodeRow F32", "attention scores f32")
        .hasSize(13);
    assertThat(single)
        .contains("attention scores f32", "attention weightedSum f32")
        .doesNotContain("attention scores f16");
    assertThat(names(VectorWarmUp.promptTasks(VectorKernels.INSTANCE)))
        .containsExactlyInAnyOrder(
            "VectorGemm.tile6x2",
            "VectorGemm.tile6x1",
            "dot4x4",
            "dot2x4",
            "dot",
            "gatedActivation");
  }

  @Test
  void everyTaskOfEverySupportedTypeRunsOnItsTinyInputs() {
    assumeVectorKernels();
    List<FloatTensor> weights = new ArrayList<>();
    for (GgmlType type : TensorTypes.supported()) {
      weights.add(tensor(type, false));
      if (TensorTypes.heapBytes(type, 512) >= 0) {
        weights.add(tensor(type, true));
      }
    }
    List<VectorWarmUp.Task> tasks = new ArrayList<>();
    tasks.addAll(VectorWarmUp.promptTasks(VectorKernels.INSTANCE));
    tasks.addAll(VectorWarmUp.modelTasks(VectorKernels.INSTANCE, weights, true));
    tasks.addAll(VectorWarmUp.attentionTasks(false));

    for (VectorWarmUp.Task task : tasks) {
      for (int i = 0; i < 64; i++) { // every shape a task cycles through (period 32 at most)
        task.call().accept(i);
      }
    }
    assertThat(names(tasks)).hasSizeGreaterThan(2 * TensorTypes.supported().size());
  }

  @Test
  void theFirstForwardOnAColdJvmAllocatesAFractionOfWhatItDoesWithoutWarmUp() throws Exception {
    assumeVectorKernels();
    Path model = SharedModels.resolve("stories260K/stories260K-Q8_0.gguf");

    long warm = firstForwardBytes(model, true);
    long cold = firstForwardBytes(model, false);

    // measured: 2-4 MB after the warm-up (23 MB once, when attention had not compiled in time)
    // against 200-245 MB without (kernels in the fallback)
    assertThat(warm).as("bytes allocated by the first forward after the warm-up").isPositive();
    assertThat(warm * 4).as("4 x warm against cold (%d bytes)", cold).isLessThan(cold);
  }

  /** Runs {@link FirstForward} in a fresh JVM and returns the bytes it reports. */
  private static long firstForwardBytes(Path model, boolean warmUp)
      throws IOException, InterruptedException {
    String out =
        ChildJvm.run(
            true,
            List.of("-D" + VectorWarmUp.PROPERTY + "=" + warmUp),
            FirstForward.class,
            model.toString());
    assertThat(out)
        .as("the load leaves the warm-up queued, the first forward waits for its end: %s", out)
        .contains("warm-up done after load false")
        .contains("warm-up done after forward true");
    String line =
        out.lines()
            .filter(l -> l.startsWith("allocated "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no result from the child: " + out));
    return Long.parseLong(line.substring("allocated ".length()).trim());
  }

  /**
   * Loads a model on a one-thread pool (all work on this thread), then prints the bytes this thread
   * allocates in a forward pass of a 24-token prompt and 8 single-token steps.
   */
  static final class FirstForward {
    private FirstForward() {}

    public static void main(String[] args) throws Exception {
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      try (GgufFile file = GgufFile.open(Path.of(args[0]));
          ComputePool pool = new ComputePool(1)) {
        Llama llama = Llama.load(file, 64, pool, KvCacheType.F16);
        System.out.println("warm-up done after load " + BackgroundWarmUp.done());
        LlamaState state = llama.newState(64);
        int[] prompt = new int[24];
        for (int i = 0; i < prompt.length; i++) {
          prompt[i] = 1 + (i * 37) % (VOCAB - 1);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        float[] logits = llama.forward(state, prompt, 0);
        for (int t = 0; t < 8; t++) {
          logits = llama.forward(state, new int[] {argmax(logits)}, prompt.length + t);
        }
        System.out.println("allocated " + (threads.getCurrentThreadAllocatedBytes() - before));
        System.out.println("warm-up done after forward " + BackgroundWarmUp.done());
      }
    }

    private static int argmax(float[] v) {
      int best = 0;
      for (int i = 1; i < v.length; i++) {
        if (v[i] > v[best]) {
          best = i;
        }
      }
      return best;
    }
  }
}
