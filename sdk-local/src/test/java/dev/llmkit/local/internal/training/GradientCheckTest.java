package dev.llmkit.local.internal.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.model.LlamaWeights;
import dev.llmkit.local.internal.model.TrainingView;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.testing.TinyModels;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backward pass against central finite differences of a double-precision oracle, for every
 * parameter group (A and B of q, k, v, o, gate, up, down in every layer) of a tiny model of each
 * architecture: relative error of each group's gradient vector (a dozen entries spread over each
 * matrix) at most 1e-3.
 */
class GradientCheckTest {
  @TempDir Path dir;

  static TinyModels.Spec spec(String arch) {
    TinyModels.Spec s = new TinyModels.Spec().architecture(arch);
    s.dim = 16;
    s.layers = 2;
    s.heads = 4;
    s.kvHeads = 2;
    s.headDim = arch.equals("qwen3") ? 8 : 4;
    s.ffn = 24;
    s.vocab = 20;
    s.context = 32;
    s.qkvBias = arch.equals("qwen2");
    s.qkNorm = arch.equals("qwen3");
    s.tiedOutput = arch.equals("qwen2");
    s.seed = 7;
    return s;
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama", "qwen2", "qwen3"})
  void backwardMatchesFiniteDifferences(String arch) {
    TinyModels.Model tiny = TinyModels.write(dir.resolve(arch + ".gguf"), spec(arch));
    int rank = 2;
    int[] tokens = {1, 5, 9, 3, 17, 2, 11, 4, 8};
    boolean[] weights = {false, false, false, true, true, false, true, true, true};
    try (GgufFile file = GgufFile.open(tiny.file);
        ComputePool pool = new ComputePool(2)) {
      LlamaConfig config = LlamaConfig.from(file);
      TrainingView view = new TrainingView(config, LlamaWeights.load(file, config));
      boolean[] all = {true, true, true, true, true, true, true, true}; // and the output head
      LoraAdapter adapter = new LoraAdapter(config, rank, 4f, all);
      Random random = new Random(3);
      for (float[] p : adapter.parameters()) {
        for (int i = 0; i < p.length; i++) {
          p[i] = (float) (random.nextGaussian() * 0.3);
        }
      }
      LoraAdapter grads = new LoraAdapter(config, rank, 4f, all);
      SequenceModel model =
          new SequenceModel(view, adapter, new Ops(pool, Kernels.active()), 16, 0f);
      double loss = model.run(tokens, weights, tokens.length, 1f, grads, 0);

      double[][][] a = new double[config.blockCount()][7][];
      double[][][] b = new double[config.blockCount()][7][];
      for (int l = 0; l < config.blockCount(); l++) {
        for (int t = 0; t < 7; t++) {
          a[l][t] = toDouble(adapter.a(l, t));
          b[l][t] = toDouble(adapter.b(l, t));
        }
      }
      LoraOracle oracle = new LoraOracle(tiny, a, b, rank, adapter.scale());
      oracle.headA = toDouble(adapter.headA());
      oracle.headB = toDouble(adapter.headB());
      assertThat(Math.abs(oracle.loss(tokens, weights) - loss)).isLessThan(1e-4 * Math.abs(loss));
      for (int l = 0; l < config.blockCount(); l++) {
        for (int t = 0; t < 7; t++) {
          check(
              oracle,
              tokens,
              weights,
              a[l][t],
              grads.a(l, t),
              arch + " layer " + l + " " + LoraOracle.TENSORS[t] + " A");
          check(
              oracle,
              tokens,
              weights,
              b[l][t],
              grads.b(l, t),
              arch + " layer " + l + " " + LoraOracle.TENSORS[t] + " B");
        }
      }
      check(oracle, tokens, weights, oracle.headA, grads.headA(), arch + " output head A");
      check(oracle, tokens, weights, oracle.headB, grads.headB(), arch + " output head B");
    }
  }

  private static void check(
      LoraOracle oracle,
      int[] tokens,
      boolean[] weights,
      double[] param,
      float[] grad,
      String group) {
    double h = 1e-5;
    double diff = 0;
    double normA = 0;
    double normF = 0;
    int step = Math.max(1, param.length / 12); // a spread of entries keeps the test fast
    for (int i = 0; i < param.length; i += step) {
      double keep = param[i];
      param[i] = keep + h;
      double plus = oracle.loss(tokens, weights);
      param[i] = keep - h;
      double minus = oracle.loss(tokens, weights);
      param[i] = keep;
      double fd = (plus - minus) / (2 * h);
      diff += (fd - grad[i]) * (fd - grad[i]);
      normA += (double) grad[i] * grad[i];
      normF += fd * fd;
    }
    double rel = Math.sqrt(diff) / Math.max(Math.sqrt(Math.max(normA, normF)), 1e-12);
    assertThat(normF).as(group + " has a gradient").isGreaterThan(0);
    assertThat(rel).as(group + " relative error").isLessThanOrEqualTo(1e-3);
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
