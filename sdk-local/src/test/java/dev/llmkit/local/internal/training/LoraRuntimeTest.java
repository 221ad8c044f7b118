package dev.llmkit.local.internal.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.model.LlamaState;
import dev.llmkit.local.internal.model.LlamaWeights;
import dev.llmkit.local.internal.model.TrainingView;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adapter at inference (the {@code Llama} hook) against the double-precision oracle, the
 * adapter GGUF round trip, and the trainer's determinism and loss decrease on tiny models.
 */
class LoraRuntimeTest {
  @TempDir Path dir;

  private static LoraAdapter randomAdapter(LlamaConfig config, long seed) {
    LoraAdapter adapter =
        new LoraAdapter(config, 3, 6f, new boolean[] {true, true, true, true, true, true, true});
    Random random = new Random(seed);
    for (float[] p : adapter.parameters()) {
      for (int i = 0; i < p.length; i++) {
        p[i] = (float) (random.nextGaussian() * 0.3);
      }
    }
    return adapter;
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama", "qwen2", "qwen3"})
  void inferenceWithAnAdapterMatchesTheOracle(String arch) {
    TinyModels.Model tiny =
        TinyModels.write(dir.resolve(arch + ".gguf"), GradientCheckTest.spec(arch));
    int[] tokens = {1, 5, 9, 3, 17, 2, 11};
    boolean[] all = {false, true, true, true, true, true, true};
    try (GgufFile file = GgufFile.open(tiny.file);
        ComputePool pool = new ComputePool(2)) {
      Llama llama = Llama.load(file, 16, pool);
      LoraAdapter adapter = randomAdapter(llama.config(), 5);
      double loss = 0;
      for (int t = 1; t < tokens.length; t++) {
        LlamaState state = llama.newState(16);
        state.adapter(adapter);
        float[] logits = llama.forward(state, java.util.Arrays.copyOf(tokens, t), 0);
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
          max = Math.max(max, z);
        }
        double sum = 0;
        for (float z : logits) {
          sum += Math.exp(z - max);
        }
        loss += max + Math.log(sum) - logits[tokens[t]];
      }
      double[][][] a = new double[llama.config().blockCount()][7][];
      double[][][] b = new double[llama.config().blockCount()][7][];
      for (int l = 0; l < a.length; l++) {
        for (int t = 0; t < 7; t++) {
          a[l][t] = toDouble(adapter.a(l, t));
          b[l][t] = toDouble(adapter.b(l, t));
        }
      }
      double expected = new LoraOracle(tiny, a, b, 3, adapter.scale()).loss(tokens, all);
      assertThat(loss).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3 * expected));
    }
  }

  @Test
  void adapterGgufRoundTripsWithLlamaCppNamesAndShapes() throws Exception {
    TinyModels.Model tiny =
        TinyModels.write(dir.resolve("m.gguf"), GradientCheckTest.spec("llama"));
    try (GgufFile file = GgufFile.open(tiny.file)) {
      LlamaConfig config = LlamaConfig.from(file);
      LoraAdapter adapter =
          new LoraAdapter(
              config, 3, 6f, new boolean[] {true, false, true, false, false, false, true, true});
      Random random = new Random(1);
      for (float[] p : adapter.parameters()) {
        for (int i = 0; i < p.length; i++) {
          p[i] = random.nextFloat();
        }
      }
      Path out = dir.resolve("adapter.gguf");
      AdapterFile.write(out, adapter, "llama", "m");
      try (GgufFile gguf = GgufFile.open(out)) {
        assertThat(gguf.metadata().getString("general.type")).hasValue("adapter");
        assertThat(gguf.metadata().getString("adapter.type")).hasValue("lora");
        assertThat(gguf.metadata().getFloat("adapter.lora.alpha", 0)).isEqualTo(6f);
        assertThat(gguf.tensor("blk.1.attn_q.weight.lora_a").orElseThrow().shape())
            .containsExactly(16, 3);
        assertThat(gguf.tensor("blk.1.ffn_down.weight.lora_b").orElseThrow().shape())
            .containsExactly(3, 16);
        assertThat(gguf.tensor("blk.0.attn_k.weight.lora_a")).isEmpty();
        assertThat(gguf.tensor("output.weight.lora_a").orElseThrow().shape())
            .containsExactly(16, 3);
        assertThat(gguf.tensor("output.weight.lora_b").orElseThrow().shape())
            .containsExactly(3, config.vocabularySize());
      }
      LoraAdapter back = AdapterFile.read(out, config);
      assertThat(back.rank()).isEqualTo(3);
      assertThat(back.targets())
          .containsExactly(true, false, true, false, false, false, true, true);
      for (int i = 0; i < adapter.parameters().size(); i++) {
        assertThat(back.parameters().get(i)).containsExactly(adapter.parameters().get(i));
      }
      TinyModels.Model qwen =
          TinyModels.write(dir.resolve("q.gguf"), GradientCheckTest.spec("qwen3"));
      try (GgufFile q = GgufFile.open(qwen.file)) {
        assertThatThrownBy(() -> AdapterFile.read(out, LlamaConfig.from(q)))
            .isInstanceOf(ModelLoadException.class)
            .hasMessageContaining("llama model");
      }
    }
  }

  @Test
  void trainingLowersTheLossAndIsDeterministic() throws Exception {
    TinyModels.Model tiny =
        TinyModels.write(dir.resolve("t.gguf"), GradientCheckTest.spec("qwen2"));
    List<TrainingExample> data = new ArrayList<>();
    Random random = new Random(4);
    for (int e = 0; e < 6; e++) {
      int[] tokens = new int[8];
      boolean[] weights = new boolean[8];
      for (int t = 0; t < 8; t++) {
        tokens[t] = random.nextInt(20);
        weights[t] = t >= 4;
      }
      data.add(new TrainingExample(tokens, weights));
    }
    TrainingConfig config =
        new TrainingConfig(
            4,
            8f,
            0.1f,
            new boolean[] {true, true, true, true, true, true, true},
            30,
            2,
            1e-2,
            0.01,
            0.1,
            true,
            1.0,
            0,
            16,
            2,
            7,
            5);
    byte[] first = train(tiny, config, data, dir.resolve("a.gguf"));
    byte[] second = train(tiny, config, data, dir.resolve("b.gguf"));
    assertThat(second).isEqualTo(first);
    assertThat(lastLoss).isLessThan(firstLoss / 3);
  }

  private double firstLoss;
  private double lastLoss;

  private byte[] train(
      TinyModels.Model tiny, TrainingConfig config, List<TrainingExample> data, Path out)
      throws Exception {
    try (GgufFile file = GgufFile.open(tiny.file)) {
      LlamaConfig c = LlamaConfig.from(file);
      Trainer trainer =
          new Trainer(new TrainingView(c, LlamaWeights.load(file, c)), config, data, List.of());
      List<Double> losses = new ArrayList<>();
      TrainerState end =
          trainer.run(
              null,
              () -> false,
              new Trainer.Listener() {
                @Override
                public void step(
                    int step, int total, double trainLoss, Double validLoss, long tokens) {
                  losses.add(trainLoss);
                }

                @Override
                public void checkpoint(
                    TrainerState state, double trainLoss, Double validLoss, Double fullValidLoss) {}
              });
      firstLoss = losses.get(0);
      lastLoss = losses.get(losses.size() - 1);
      assertThat(end.step()).isEqualTo(trainer.totalSteps());
      AdapterFile.write(out, end.adapter(), c.architecture(), "t");
      return Files.readAllBytes(out);
    }
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
