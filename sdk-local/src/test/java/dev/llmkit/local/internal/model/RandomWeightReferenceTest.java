package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.FloatTensor;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.ScalarKernels;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import dev.llmkit.local.testing.ReferenceCases;
import dev.llmkit.local.testing.SharedModels;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Greedy generation on the random-weight architecture and quantization files of the shared models
 * folder (its README, "Random-weight architecture and quantization test models"), 4 prompts × 32
 * tokens each, against llama.cpp and numpy-f32 (an independent float32 forward pass over
 * dequantized weights, which is what this engine computes), with the README's tolerances:
 *
 * <ul>
 *   <li>F32 files: every id equal to llama.cpp's and numpy-f32's; top-10 logits within 1e-4 of
 *       both, and all logits of the first step within 1e-4 of llama.cpp's.
 *   <li>Quantized files: every id equal to numpy-f32's, top-10 logits within 1e-3. llama.cpp
 *       quantizes the activations inside its matmuls, so it is compared only while its ids equal
 *       ours, with 0.25 on logits; how many ids agree is reported, not asserted.
 * </ul>
 *
 * Each file runs on the active kernels (Vector API when the JVM has it), on the scalar kernels,
 * and, for types with an on-heap form, with the weights copied to the heap. Each run prints one
 * line of agreement figures (the README quotes them). To cover another file, add its reference name
 * to {@link #REFERENCES}.
 */
class RandomWeightReferenceTest {
  /** Stems of {@code reference/<stem>.greedy.json}; "-F32" at the end means an F32 file. */
  static final List<String> REFERENCES =
      List.of(
          "llama-kq-F32",
          "tiny-llama-tied-F32",
          "tiny-qwen2-F32",
          "tiny-qwen3-F32",
          "llama-kq-Q4_K",
          "llama-kq-Q5_K",
          "llama-kq-Q6_K",
          "llama-kq-Q4_1",
          "llama-kq-Q5_0",
          "llama-kq-Q2_K",
          "llama-kq-IQ4_NL");

  private static ComputePool pool;

  @BeforeAll
  static void startPool() {
    pool = new ComputePool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.close();
  }

  /** Types whose tensors have an on-heap form ({@link FloatTensor#HEAP_WEIGHTS_PROPERTY}). */
  private static final List<String> HEAP_FORMS = List.of("Q8_0", "Q4_0", "Q4_K", "Q6_K");

  /** Each file on the active and the scalar kernels, and with heap copies where they exist. */
  static Stream<Arguments> references() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (String stem : REFERENCES) {
      all.add(Arguments.of(stem, "active"));
      all.add(Arguments.of(stem, "scalar"));
      if (HEAP_FORMS.contains(stem.substring(stem.lastIndexOf('-') + 1))) {
        all.add(Arguments.of(stem, "heap"));
      }
    }
    return all.build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("references")
  void greedyGenerationMatchesTheReferences(String stem, String mode) {
    ReferenceCases ref = ReferenceCases.read(stem + ".greedy.json");
    boolean f32 = stem.endsWith("-F32");
    double numpyTolerance = f32 ? 1e-4 : 1e-3;
    double llamaCppTolerance = f32 ? 1e-4 : 0.25;
    Kernels kernels = mode.equals("scalar") ? ScalarKernels.INSTANCE : Kernels.active();
    Agreement agreement = new Agreement();

    try (GgufFile file = GgufFile.open(SharedModels.resolve(ref.modelFile()))) {
      Tokenizer tokenizer = Tokenizer.fromMetadata(file.metadata());
      LlamaConfig config = LlamaConfig.from(file).withContextLength(512);
      Llama model =
          new Llama(
              config,
              load(file, config, mode.equals("heap")),
              pool,
              kernels,
              Llama.DEFAULT_MAX_BATCH);
      for (ReferenceCases.Case c : ref.cases()) {
        assertThat(tokenizer.encode(c.prompt(), true, false))
            .as("%s %s prompt ids", stem, c.id())
            .containsExactly(c.promptTokenIds());
        agreement.add(generate(model, c));
      }
    }

    System.out.printf("reference %-20s %-6s %s%n", stem, mode, agreement);
    assertThat(agreement.numpyIds)
        .as("%s ids equal to numpy-f32's", stem)
        .isEqualTo(agreement.total);
    assertThat(agreement.numpyLogits)
        .as("%s max |Δlogit| vs numpy-f32", stem)
        .isLessThanOrEqualTo(numpyTolerance);
    assertThat(agreement.llamaCppLogits)
        .as("%s max |Δlogit| vs llama.cpp while ids agree", stem)
        .isLessThanOrEqualTo(llamaCppTolerance);
    if (f32) {
      assertThat(agreement.llamaCppIds)
          .as("%s ids equal to llama.cpp's", stem)
          .isEqualTo(agreement.total);
      assertThat(agreement.firstStep)
          .as("%s first-step logits vs llama.cpp", stem)
          .isLessThanOrEqualTo(llamaCppTolerance);
    }
  }

  /** The weights, mapped or (heap) copied to the heap where the type has a heap form. */
  static LlamaWeights load(GgufFile file, LlamaConfig config, boolean heap) {
    String previous = System.getProperty(FloatTensor.HEAP_WEIGHTS_PROPERTY);
    System.setProperty(FloatTensor.HEAP_WEIGHTS_PROPERTY, Boolean.toString(heap));
    try {
      return LlamaWeights.load(file, config);
    } finally {
      if (previous == null) {
        System.clearProperty(FloatTensor.HEAP_WEIGHTS_PROPERTY);
      } else {
        System.setProperty(FloatTensor.HEAP_WEIGHTS_PROPERTY, previous);
      }
    }
  }

  /** Greedy generation of one case, fed with our own ids; compares while inputs are identical. */
  private static Agreement generate(Llama model, ReferenceCases.Case c) {
    int[] numpyIds = c.tokenIds("numpy-f32");
    int[] llamaCppIds = c.tokenIds("llama.cpp");
    double[][][] numpyTop = c.top("numpy-f32", "top10");
    double[][][] llamaCppTop = c.top("llama.cpp", "top10");
    Agreement a = new Agreement();
    a.total = numpyIds.length;
    LlamaState state = model.newState();
    int[] prompt = c.promptTokenIds();
    float[] logits = model.forward(state, prompt, 0);
    double[] first = c.firstStepLogits("llama.cpp").orElseThrow();
    for (int id = 0; id < first.length; id++) {
      a.firstStep = Math.max(a.firstStep, Math.abs(logits[id] - first[id]));
    }
    boolean withNumpy = true;
    boolean withLlamaCpp = true;
    for (int step = 0; step < numpyIds.length; step++) {
      int next = LlamaReferenceTest.argmax(logits);
      if (withNumpy) {
        a.numpyLogits = Math.max(a.numpyLogits, maxDiff(logits, numpyTop[step]));
        withNumpy = next == numpyIds[step];
        a.numpyIds += withNumpy ? 1 : 0;
      }
      if (withLlamaCpp) {
        a.llamaCppLogits = Math.max(a.llamaCppLogits, maxDiff(logits, llamaCppTop[step]));
        withLlamaCpp = next == llamaCppIds[step];
        a.llamaCppIds += withLlamaCpp ? 1 : 0;
      }
      logits = model.forward(state, new int[] {next}, prompt.length + step);
    }
    a.llamaCppPrefixes.add(a.llamaCppIds);
    return a;
  }

  private static double maxDiff(float[] logits, double[][] top) {
    double max = 0;
    for (double[] entry : top) {
      max = Math.max(max, Math.abs(logits[(int) entry[0]] - entry[1]));
    }
    return max;
  }

  /** Ids in the identical prefixes and largest logit differences, summed over cases. */
  private static final class Agreement {
    int total;
    int numpyIds;
    int llamaCppIds;
    final List<Integer> llamaCppPrefixes = new ArrayList<>();
    double numpyLogits;
    double llamaCppLogits;
    double firstStep;

    void add(Agreement c) {
      total += c.total;
      numpyIds += c.numpyIds;
      llamaCppIds += c.llamaCppIds;
      llamaCppPrefixes.addAll(c.llamaCppPrefixes);
      numpyLogits = Math.max(numpyLogits, c.numpyLogits);
      llamaCppLogits = Math.max(llamaCppLogits, c.llamaCppLogits);
      firstStep = Math.max(firstStep, c.firstStep);
    }

    @Override
    public String toString() {
      return String.format(
          "ids = numpy-f32 %d/%d, = llama.cpp %d/%d (prefixes %s);"
              + " max |Δlogit| top-10 vs numpy-f32 %.1e, vs llama.cpp %.1e (first step, all %s)",
          numpyIds,
          total,
          llamaCppIds,
          total,
          llamaCppPrefixes,
          numpyLogits,
          llamaCppLogits,
          String.format("%.1e", firstStep));
    }
  }
}
