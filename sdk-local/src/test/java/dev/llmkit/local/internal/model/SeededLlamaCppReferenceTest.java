package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.testing.SeededModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Greedy generation on seeded random-weight GGUF files of every architecture and tensor type
 * ({@link SeededModels}), against the greedy ids that native llama.cpp produced on exactly those
 * bytes ({@code src/test/resources/llama-cpp-refs/<name>.json}, recorded by {@code
 * benchmarks/llama-cpp/record-refs.sh}; the test rewrites each file and checks its SHA-256 first).
 * This covers what the shared models folder has no llama.cpp reference for (Q3_K, Q5_1, IQ4_XS,
 * Q8_0/Q4_0 on 256-wide rows, a Q4_K/Q6_K mix, LongRoPE phi3 with partial rotation in both
 * contexts, quantized qwen2/qwen3/gemma2/gemma3, gemma3's default layer pattern) and needs no
 * shared files, so it also runs in CI.
 *
 * <p>The engine computes in float32 over dequantized weights; llama.cpp converts activations to the
 * weights' dot-product type inside matmuls (F16, BF16, or 8-bit blocks for quantized types).
 * Following the shared models README, ids and llama.cpp's top-10 logits are compared while the
 * generated ids are identical: F32 files (except gemma) and the {@code embd-<type>} files (only
 * {@code token_embd} quantized, whose rows llama.cpp dequantizes exactly: they pin each block
 * layout to float precision) must give every id, with logits within 1e-4; gemma F32 within 5e-3
 * (llama.cpp's GELU is an fp16 table), F16 5e-2, BF16 0.1 and quantized files 0.25. Those may
 * diverge only at a near tie: our id must be one of llama.cpp's top 10 and within twice the
 * tolerance of its best logit. Each file prints how many ids match.
 */
class SeededLlamaCppReferenceTest {
  private static final String RESOURCES = "/llama-cpp-refs/";

  /** Logit tolerance of files that llama.cpp computes in float32 throughout. */
  private static final double EXACT = 1e-4;

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

  static List<String> names() {
    return SeededModels.names();
  }

  @Test
  void everySeededModelHasAReference() {
    for (String name : names()) {
      assertThat(SeededLlamaCppReferenceTest.class.getResource(RESOURCES + name + ".json"))
          .as("reference of %s (run benchmarks/llama-cpp/record-refs.sh %s)", name, name)
          .isNotNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void greedyIdsMatchNativeLlamaCpp(String name) throws IOException {
    JsonNode ref = read(name);
    Path file = SeededModels.write(name, dir.resolve(name + ".gguf"));
    assertThat(Files.size(file))
        .as("%s size", name)
        .isEqualTo(ref.path("model").path("bytes").asLong());
    assertThat(sha256(file))
        .as("%s SHA-256: the reference belongs to other bytes; re-record it", name)
        .isEqualTo(ref.path("model").path("sha256").asText());

    double tolerance = tolerance(name);
    boolean exact = tolerance == EXACT;
    try (GgufFile gguf = GgufFile.open(file)) {
      for (JsonNode run : ref.path("runs")) {
        int context = run.path("n_ctx").asInt();
        LlamaConfig config = LlamaConfig.from(gguf).withContextLength(context);
        Llama model =
            new Llama(
                config,
                LlamaWeights.load(gguf, config),
                pool,
                Kernels.active(),
                Llama.DEFAULT_MAX_BATCH);
        Agreement all = new Agreement();
        for (JsonNode c : run.path("cases")) {
          all.add(compare(model, c, tolerance));
        }
        System.out.printf(
            Locale.ROOT,
            "llama.cpp %-20s ctx %3d: ids equal %d/%d (prefixes %s),"
                + " max |dlogit| while equal %.1e (first step %.1e), divergences at near ties %s%n",
            name,
            context,
            all.equal,
            all.total,
            all.prefixes,
            all.maxDiff,
            all.firstStep,
            all.tieGaps);
        String what = name + " ctx " + context;
        assertThat(all.maxDiff)
            .as("%s: max |dlogit| vs llama.cpp while ids are equal", what)
            .isLessThanOrEqualTo(tolerance);
        assertThat(all.farFromTie).as("%s: divergences away from a near tie", what).isEmpty();
        if (exact) {
          assertThat(all.equal).as("%s: ids equal to llama.cpp's", what).isEqualTo(all.total);
        }
      }
    }
  }

  /** Logit tolerance against llama.cpp by the file's tensor type (see the class comment). */
  private static double tolerance(String name) {
    if (name.startsWith("embd-")) {
      return EXACT; // only token_embd is quantized, and llama.cpp dequantizes its rows exactly
    }
    String type = name.substring(name.lastIndexOf('-') + 1);
    switch (type) {
      case "F32":
        return name.startsWith("gemma") ? 5e-3 : EXACT;
      case "F16":
        return 5e-2;
      case "BF16":
        return 0.1;
      default:
        // llama.cpp rounds activations to 8-bit blocks of 32 (Q8_0, Q8_1) or of 256 values with
        // one scale (Q8_K, for the K-quants and IQ4_XS): coarser, about twice the gap per matmul
        return type.endsWith("_K") || type.startsWith("Q4_K") || type.equals("IQ4_XS") ? 0.5 : 0.25;
    }
  }

  /** Greedy generation of one case, compared until the first id that differs. */
  private static Agreement compare(Llama model, JsonNode c, double tolerance) {
    int[] prompt = ints(c.path("prompt_token_ids"));
    int[] expected = ints(c.path("token_ids"));
    JsonNode top = c.path("top10");
    Agreement a = new Agreement();
    a.total = expected.length;
    LlamaState state = model.newState();
    float[] logits = model.forward(state, prompt, 0);
    int step = 0;
    for (; step < expected.length; step++) {
      JsonNode best = top.get(step);
      for (JsonNode e : best) {
        double diff = Math.abs(logits[e.get(0).asInt()] - e.get(1).asDouble());
        a.maxDiff = Math.max(a.maxDiff, diff);
        a.firstStep = Math.max(a.firstStep, step == 0 ? diff : 0);
      }
      int next = LlamaReferenceTest.argmax(logits);
      if (next != expected[step]) {
        double gap = Double.POSITIVE_INFINITY;
        for (JsonNode e : best) {
          if (e.get(0).asInt() == next) {
            gap = best.get(0).get(1).asDouble() - e.get(1).asDouble();
          }
        }
        String at =
            String.format(
                Locale.ROOT,
                "step %d: %d instead of %d, llama.cpp gap %.3f",
                step,
                next,
                expected[step],
                gap);
        (gap <= 2 * tolerance ? a.tieGaps : a.farFromTie).add(at);
        break;
      }
      logits = model.forward(state, new int[] {next}, prompt.length + step);
    }
    a.equal = step;
    a.prefixes.add(step);
    return a;
  }

  static JsonNode read(String name) throws IOException {
    try (InputStream in =
        SeededLlamaCppReferenceTest.class.getResourceAsStream(RESOURCES + name + ".json")) {
      assertThat(in).as("reference %s", name).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  /** Ids in identical prefixes, the largest logit difference and the divergences, summed. */
  private static final class Agreement {
    int equal;
    int total;
    double maxDiff;
    double firstStep;
    final List<Integer> prefixes = new ArrayList<>();
    final List<String> tieGaps = new ArrayList<>();
    final List<String> farFromTie = new ArrayList<>();

    void add(Agreement c) {
      equal += c.equal;
      total += c.total;
      maxDiff = Math.max(maxDiff, c.maxDiff);
      firstStep = Math.max(firstStep, c.firstStep);
      prefixes.addAll(c.prefixes);
      tieGaps.addAll(c.tieGaps);
      farFromTie.addAll(c.farFromTie);
    }
  }
}
