package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.ScalarKernels;
import dev.llmkit.local.testing.ReferenceCases;
import dev.llmkit.local.testing.SharedModels;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Greedy generation against the shared references (see the models README): token ids equal to
 * numpy-f32's everywhere and to llama.cpp's while llama.cpp and numpy-f32 agree; logits within the
 * README's tolerances of both.
 */
class LlamaReferenceTest {
  private static ComputePool pool;

  @BeforeAll
  static void startPool() {
    pool = new ComputePool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.close();
  }

  static Stream<Arguments> references() {
    return Stream.of(
        Arguments.of("stories260K-F32.greedy.json", 1e-4, 1e-4, false),
        Arguments.of("stories260K-F32.golden256.json", 1e-4, 1e-4, false),
        Arguments.of("stories260K-F16.greedy.json", 1e-3, 2e-2, false),
        Arguments.of("stories260K-BF16.greedy.json", 1e-3, 6e-2, false),
        Arguments.of("stories260K-Q8_0.greedy.json", 1e-3, 0.25, false),
        Arguments.of("stories260K-Q4_0.greedy.json", 1e-3, 0.25, false),
        Arguments.of("llama-2-tiny-random-F16.greedy.json", 1e-4, 1e-3, false),
        // the scalar reference kernels (what runs without --add-modules jdk.incubator.vector)
        Arguments.of("stories260K-F16.greedy.json", 1e-3, 2e-2, true),
        Arguments.of("stories260K-Q4_0.greedy.json", 1e-3, 0.25, true));
  }

  @ParameterizedTest(name = "{0} scalar={3}")
  @MethodSource("references")
  void greedyGenerationMatchesReference(
      String reference, double numpyTolerance, double llamaCppTolerance, boolean scalar) {
    ReferenceCases ref = ReferenceCases.read(reference);

    try (GgufFile file = GgufFile.open(SharedModels.resolve(ref.modelFile()))) {
      LlamaConfig config = LlamaConfig.from(file).withContextLength(512);
      Kernels kernels = scalar ? ScalarKernels.INSTANCE : Kernels.active();
      Llama model =
          new Llama(
              config, LlamaWeights.load(file, config), pool, kernels, Llama.DEFAULT_MAX_BATCH);
      for (ReferenceCases.Case c : ref.cases()) {
        int[] numpyIds = c.tokenIds("numpy-f32");
        int[] llamaCppIds = c.tokenIds("llama.cpp");
        double[][][] numpyTop5 = c.top5("numpy-f32");
        double[][][] llamaCppTop5 = c.top5("llama.cpp");
        int agreed = c.identicalPrefix("llama.cpp", "numpy-f32");
        LlamaState state = model.newState();
        int[] prompt = c.promptTokenIds();

        float[] logits = model.forward(state, prompt, 0);

        double[] first = c.firstStepLogits("llama.cpp").orElse(null);
        if (first != null) {
          for (int id = 0; id < first.length; id++) {
            assertThat((double) logits[id])
                .as("%s %s first-step logit %d", reference, c.id(), id)
                .isCloseTo(first[id], Offset.offset(llamaCppTolerance));
          }
        }
        for (int step = 0; step < numpyIds.length; step++) {
          String at = reference + " " + c.id() + " step " + step;
          for (double[] entry : numpyTop5[step]) {
            assertThat((double) logits[(int) entry[0]])
                .as("%s numpy logit of %d", at, (int) entry[0])
                .isCloseTo(entry[1], Offset.offset(numpyTolerance));
          }
          if (step < agreed) {
            for (double[] entry : llamaCppTop5[step]) {
              assertThat((double) logits[(int) entry[0]])
                  .as("%s llama.cpp logit of %d", at, (int) entry[0])
                  .isCloseTo(entry[1], Offset.offset(llamaCppTolerance));
            }
          }
          int next = argmax(logits);
          assertThat(next).as("%s token (numpy-f32)", at).isEqualTo(numpyIds[step]);
          if (step < agreed) {
            assertThat(next).as("%s token (llama.cpp)", at).isEqualTo(llamaCppIds[step]);
          }
          if (c.hasProducer("llama2.c")) {
            assertThat(next).as("%s token (llama2.c)", at).isEqualTo(c.tokenIds("llama2.c")[step]);
          }
          logits = model.forward(state, new int[] {next}, prompt.length + step);
        }
      }
    }
  }

  /** Greedy choice: the highest logit, ties to the lowest id. */
  static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }
}
