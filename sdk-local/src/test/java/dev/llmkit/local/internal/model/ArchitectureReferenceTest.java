package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.testing.ReferenceCases;
import dev.llmkit.local.testing.SharedModels;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Greedy generation on the tiny random-weight files of every supported architecture ({@code
 * tiny-random-arch/} in the shared models, see its README) against llama.cpp and the numpy-f32
 * reference. Prints per file how many generated ids equal each producer's and the largest logit
 * difference while the inputs were identical.
 *
 * <p>All files are F32, so ids must equal numpy-f32's and llama.cpp's, logits within 1e-4 of both.
 * The gemma files are the exception the README documents: the engine computes GELU exactly, as
 * numpy-f32 does, while llama.cpp reads GELU from an fp16 table. There ids must equal numpy-f32's
 * with logits within 1e-4, and llama.cpp's while llama.cpp and numpy-f32 agree, within 3e-3.
 */
class ArchitectureReferenceTest {
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
        Arguments.of("tiny-llama-tied-F32", 1e-4),
        Arguments.of("tiny-qwen2-F32", 1e-4),
        Arguments.of("tiny-qwen3-F32", 1e-4),
        Arguments.of("tiny-phi3-F32", 1e-4),
        Arguments.of("tiny-gemma2-F32", 3e-3),
        Arguments.of("tiny-gemma3-F32", 3e-3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void greedyIdsAndLogitsMatchTheReferences(String name, double llamaCppTolerance) {
    ReferenceCases ref = ReferenceCases.read(name + ".greedy.json");
    Tally numpy = new Tally();
    Tally llamaCpp = new Tally();
    try (GgufFile file = GgufFile.open(SharedModels.resolve(ref.modelFile()))) {
      LlamaConfig config = LlamaConfig.from(file).withContextLength(512);
      // a batch smaller than the longest prompt (12) also runs prompts in two batches
      Llama model = new Llama(config, LlamaWeights.load(file, config), pool, Kernels.active(), 8);
      for (ReferenceCases.Case c : ref.cases()) {
        int agreed = c.identicalPrefix("llama.cpp", "numpy-f32");
        int[] generated = generate(model, c, numpy, llamaCpp, agreed);
        numpy.count(generated, c.tokenIds("numpy-f32"));
        llamaCpp.count(generated, c.tokenIds("llama.cpp"));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-20s ids equal to numpy-f32 %d/%d (max |dlogit| %.1e),"
            + " to llama.cpp %d/%d (max |dlogit| %.1e while llama.cpp = numpy-f32)%n",
        name,
        numpy.equal,
        numpy.total,
        numpy.maxDiff,
        llamaCpp.equal,
        llamaCpp.total,
        llamaCpp.maxDiff);

    assertThat(numpy.equal).as(name + " ids equal to numpy-f32").isEqualTo(numpy.total);
    assertThat(numpy.maxDiff).as(name + " logits vs numpy-f32").isLessThanOrEqualTo(1e-4);
    assertThat(llamaCpp.maxDiff)
        .as(name + " logits vs llama.cpp")
        .isLessThanOrEqualTo(llamaCppTolerance);
    assertThat(llamaCpp.agreedEqual)
        .as(name + " ids equal to llama.cpp where it agrees with numpy-f32")
        .isEqualTo(llamaCpp.agreedTotal);
  }

  /** Greedy continuation of the case's prompt; logits compared while inputs are identical. */
  private static int[] generate(
      Llama model, ReferenceCases.Case c, Tally numpy, Tally llamaCpp, int agreed) {
    int[] numpyIds = c.tokenIds("numpy-f32");
    int[] llamaIds = c.tokenIds("llama.cpp");
    double[][][] numpyTop = c.top5("numpy-f32");
    double[][][] llamaTop = c.top5("llama.cpp");
    LlamaState state = model.newState();
    int[] prompt = c.promptTokenIds();
    float[] logits = model.forward(state, prompt, 0);
    double[] first = c.firstStepLogits("llama.cpp").orElse(new double[0]);
    for (int id = 0; id < first.length; id++) {
      llamaCpp.diff(logits[id], first[id]);
    }
    int[] out = new int[numpyIds.length];
    boolean sameAsNumpy = true;
    for (int step = 0; step < out.length; step++) {
      if (sameAsNumpy) {
        for (double[] e : numpyTop[step]) {
          numpy.diff(logits[(int) e[0]], e[1]);
        }
      }
      if (step < agreed) {
        for (double[] e : llamaTop[step]) {
          llamaCpp.diff(logits[(int) e[0]], e[1]);
        }
      }
      out[step] = LlamaReferenceTest.argmax(logits);
      sameAsNumpy &= out[step] == numpyIds[step];
      if (step < agreed) {
        llamaCpp.agreedTotal++;
        llamaCpp.agreedEqual += out[step] == llamaIds[step] ? 1 : 0;
      }
      logits = model.forward(state, new int[] {out[step]}, prompt.length + step);
    }
    return out;
  }

  /** Ids in identical prefixes and the largest logit difference against one producer. */
  private static final class Tally {
    int equal;
    int total;
    int agreedEqual;
    int agreedTotal;
    double maxDiff;

    void count(int[] generated, int[] expected) {
      int i = 0;
      while (i < expected.length && generated[i] == expected[i]) {
        i++;
      }
      equal += i;
      total += expected.length;
    }

    void diff(float actual, double expected) {
      maxDiff = Math.max(maxDiff, Math.abs(actual - expected));
    }
  }
}
