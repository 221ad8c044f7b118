package dev.llmkit.local.bench;

import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.DownloadListener;
import dev.llmkit.local.LocalClient;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.model.LlamaState;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the public API costs on top of the forward pass, measured so that machine load cancels out:
 * one JVM holds both the internal engine and a {@link LocalClient} on the same file and runs them
 * in alternation, one generation each per round (engine greedy, API greedy, API with the client's
 * default sampling), and reports the median of the per-round ratios of generation speed.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.llmkit.local.bench.ApiOverheadBench \
 *     --model smollm2-135m-Q8_0.gguf [--threads 2] [--prompt-tokens 128] [--gen 64] [--rounds 7]
 * </pre>
 */
public final class ApiOverheadBench {
  private ApiOverheadBench() {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    Path model = Path.of(a.require("model"));
    int threads = a.intValue("threads", 2);
    int gen = a.intValue("gen", 64);
    int rounds = a.intValue("rounds", 7);
    String prompt = PromptBuilder.build(model, a.intValue("prompt-tokens", 128)).text();
    int ctx = 512;
    List<Double> greedyRatio = new ArrayList<>();
    List<Double> defaultRatio = new ArrayList<>();
    List<Double> engineTg = new ArrayList<>();
    try (GgufFile file = GgufFile.open(model);
        ComputePool pool = new ComputePool(threads);
        LocalClient client =
            LocalClient.builder()
                .model(model)
                .threads(threads)
                .contextSize(ctx)
                .offline(true)
                .downloadListener(DownloadListener.none())
                .build()) {
      Llama llama = Llama.load(file, ctx, pool);
      Tokenizer tokenizer = Tokenizer.fromMetadata(file.metadata());
      int[] ids = tokenizer.encode(prompt, true, false);
      Map<String, Integer> noEnd = new HashMap<>();
      for (int id : tokenizer.endOfGenerationIds()) {
        noEnd.put(Integer.toString(id), -100);
      }
      LlamaState state = llama.newState();
      for (int r = -1; r < rounds; r++) { // round -1 warms up
        double engine = engine(llama, state, ids, gen);
        double greedy = api(client, ids, gen, noEnd, true, 2 * r + 3);
        double sampled = api(client, ids, gen, noEnd, false, 2 * r + 4);
        if (r >= 0) {
          engineTg.add(engine);
          greedyRatio.add(greedy / engine);
          defaultRatio.add(sampled / engine);
        }
        System.out.printf(
            Locale.ROOT,
            "round %d: tg engine %.2f, api greedy %.2f, api default" + " sampling %.2f tok/s%n",
            r,
            engine,
            greedy,
            sampled);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "median engine tg %.2f tok/s; api/engine greedy %.3f"
            + " (min %.3f), default sampling %.3f (min %.3f)%n",
        Stats.median(engineTg),
        Stats.median(greedyRatio),
        greedyRatio.stream().mapToDouble(d -> d).min().orElse(0),
        Stats.median(defaultRatio),
        defaultRatio.stream().mapToDouble(d -> d).min().orElse(0));
    System.exit(0);
  }

  /** Generation tok/s of the bare forward pass with argmax after the prompt. */
  private static double engine(Llama llama, LlamaState state, int[] ids, int gen) {
    float[] logits = llama.forward(state, ids, 0);
    long start = System.nanoTime();
    int[] one = new int[1];
    for (int t = 0; t < gen - 1; t++) {
      one[0] = argmax(logits);
      logits = llama.forward(state, one, ids.length + t);
    }
    return (gen - 1) / ((System.nanoTime() - start) / 1e9);
  }

  /** Generation tok/s through the completions stream: from the first chunk to the last. */
  private static double api(
      LocalClient client,
      int[] ids,
      int gen,
      Map<String, Integer> noEnd,
      boolean greedy,
      int shift) {
    CompletionRequest.Builder request =
        CompletionRequest.builder()
            .model("local")
            .promptTokens(List.of(LlmkitBench.rotated(ids, shift)))
            .maxTokens(gen)
            .logitBias(noEnd)
            .seed(42L)
            .streamIncludeUsage(true);
    if (greedy) {
      request.temperature(0.0);
    }
    long[] first = {0};
    int[] tokens = {0};
    client.completions().stream(request.build())
        .blockingForEach(
            c -> {
              if (first[0] == 0) {
                first[0] = System.nanoTime();
              }
              c.usage().ifPresent(u -> tokens[0] = u.completionTokens());
            });
    long end = System.nanoTime();
    if (tokens[0] != gen) {
      throw new IllegalStateException("expected " + gen + " tokens, got " + tokens[0]);
    }
    return (tokens[0] - 1) / ((end - first[0]) / 1e9);
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
