package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.ScalarKernels;
import dev.llmkit.local.testing.LlamaCppActivations;
import dev.llmkit.local.testing.SeededModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Explains the whole gap between the engine and native llama.cpp on quantized weights. In the
 * {@code head-<type>} files ({@link SeededModels}) only the output head is quantized; llama.cpp
 * computes everything else in float32 and rounds the activations of that one matmul to its 8-bit
 * blocks ({@link LlamaCppActivations}). On llama.cpp's own greedy ids, per step:
 *
 * <ul>
 *   <li>the engine's logits equal the float dot products of its hidden state with the output rows
 *       dequantized by the test oracle (within 1e-4): the type's dot kernel is exact;
 *   <li>the same dot products with the hidden state rounded the way llama.cpp rounds it equal
 *       llama.cpp's logits within 1e-3, beyond what activations lying on a rounding boundary
 *       (within float noise of a .5 tie, where the engine's and llama.cpp's last bits decide) may
 *       flip;
 * </ul>
 *
 * on the active (Vector API) and the scalar kernels and, for types with one, the on-heap form; and
 * the {@code embd-<type>} files of {@link SeededLlamaCppReferenceTest} show the oracle's block
 * layouts equal llama.cpp's. So what remains between the engine and llama.cpp on fully quantized
 * files is llama.cpp's activation rounding. Prints the engine's raw gap to llama.cpp per type.
 */
class LlamaCppHeadProbeTest {
  private static ComputePool pool;

  @TempDir Path dir;

  @BeforeAll
  static void startPool() {
    pool = new ComputePool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.close();
  }

  /** Each probe on the active and the scalar kernels, and with heap copies where they exist. */
  static Stream<Arguments> probes() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (String name : SeededModels.names()) {
      if (name.startsWith("head-")) {
        all.add(Arguments.of(name, "active"));
        all.add(Arguments.of(name, "scalar"));
        if (List.of("head-Q8_0", "head-Q4_0", "head-Q4_K", "head-Q6_K").contains(name)) {
          all.add(Arguments.of(name, "heap"));
        }
      }
    }
    return all.build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("probes")
  void theGapToLlamaCppIsItsActivationRounding(String name, String mode) throws IOException {
    JsonNode ref = SeededLlamaCppReferenceTest.read(name);
    Path file = SeededModels.write(name, dir.resolve(name + ".gguf"));
    assertThat(SeededLlamaCppReferenceTest.sha256(file))
        .as("%s SHA-256", name)
        .isEqualTo(ref.path("model").path("sha256").asText());
    JsonNode run = ref.path("runs").get(0);
    JsonNode c = run.path("cases").get(0);
    int[] prompt = SeededLlamaCppReferenceTest.ints(c.path("prompt_token_ids"));
    int[] ids = SeededLlamaCppReferenceTest.ints(c.path("token_ids"));
    double engineVsOracle = 0;
    double emulatedVsLlamaCpp = 0;
    double engineVsLlamaCpp = 0;
    try (GgufFile gguf = GgufFile.open(file)) {
      TensorInfo head = gguf.tensor("output.weight").orElseThrow();
      GgmlType type = head.type();
      int dim = (int) head.shape()[0];
      byte[] bytes = new byte[(int) head.byteSize()];
      gguf.tensorData(head).get(bytes);
      int rowBytes = bytes.length / (int) head.shape()[1];

      LlamaConfig config = LlamaConfig.from(gguf).withContextLength(run.path("n_ctx").asInt());
      Llama model =
          new Llama(
              config,
              RandomWeightReferenceTest.load(gguf, config, mode.equals("heap")),
              pool,
              mode.equals("scalar") ? ScalarKernels.INSTANCE : Kernels.active(),
              Llama.DEFAULT_MAX_BATCH);
      int[] all = Arrays.copyOf(prompt, prompt.length + ids.length);
      System.arraycopy(ids, 0, all, prompt.length, ids.length);
      float[] hidden = HiddenStates.compute(model, model.newState(), all);
      LlamaState state = model.newState();
      float[] logits = model.forward(state, prompt, 0);
      for (int step = 0; step < ids.length; step++) {
        int pos = prompt.length - 1 + step;
        float[] h = Arrays.copyOfRange(hidden, pos * dim, (pos + 1) * dim);
        for (JsonNode e : c.path("top10").get(step)) {
          int id = e.get(0).asInt();
          byte[] row = Arrays.copyOfRange(bytes, id * rowBytes, (id + 1) * rowBytes);
          double exact = LlamaCppActivations.floatDot(type, row, h);
          LlamaCppActivations.Rounded emulated = LlamaCppActivations.dot(type, row, h);
          engineVsOracle = Math.max(engineVsOracle, Math.abs(logits[id] - exact));
          // beyond the flips that activations on a rounding boundary may take
          double beyond = Math.abs(emulated.value() - e.get(1).asDouble()) - emulated.slack();
          emulatedVsLlamaCpp = Math.max(emulatedVsLlamaCpp, beyond);
          engineVsLlamaCpp = Math.max(engineVsLlamaCpp, Math.abs(logits[id] - e.get(1).asDouble()));
        }
        logits = model.forward(state, new int[] {ids[step]}, prompt.length + step);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "head probe %-12s %-6s engine vs oracle dot %.1e, llama.cpp-rounded"
            + " activations vs llama.cpp %.1e (beyond boundary flips), engine vs llama.cpp %.1e%n",
        name,
        mode,
        engineVsOracle,
        emulatedVsLlamaCpp,
        engineVsLlamaCpp);
    assertThat(engineVsOracle)
        .as("%s: engine logits vs float dot with dequantized rows", name)
        .isLessThanOrEqualTo(1e-4);
    assertThat(emulatedVsLlamaCpp)
        .as("%s: rounded-activation dots vs llama.cpp", name)
        .isLessThanOrEqualTo(1e-3);
  }
}
