package dev.llmkit.local.bench;

import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.DownloadListener;
import dev.llmkit.local.LocalClient;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.DecodeBatch;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.model.LlamaState;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Aggregate generation speed of several concurrent requests on one model next to a single request,
 * measured so that machine load cancels out: each round runs one request alone, then {@code
 * --concurrent} requests at once, and the reported ratio is the median of the per-round ratios of
 * generated tokens per second (all requests' tokens over the wall time from the first generated
 * token to the last).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.llmkit.local.bench.ConcurrencyBench \
 *     --model smollm2-135m-Q8_0.gguf [--threads 2] [--concurrent 4] [--prompt-tokens 32] \
 *     [--gen 64] [--rounds 5] [--mode api|engine|single] [--max-batch-size 8]
 * </pre>
 *
 * <p>Mode {@code api} (default) streams completions through a {@link LocalClient} with {@code
 * maxConcurrentRequests = concurrent}, greedy; mode {@code engine} drives the forward pass
 * directly: single-token {@link Llama#forward} for one sequence, one {@link DecodeBatch} step for
 * all sequences when concurrent. Mode {@code single} compares the two ways of stepping one
 * sequence: the "concurrent" side is then one sequence stepped through a {@link DecodeBatch} of one
 * (what the engine runs for a lone request), against {@link Llama#forward}.
 */
public final class ConcurrencyBench {
  private ConcurrencyBench() {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    Path model = Path.of(a.require("model"));
    int threads = a.intValue("threads", 2);
    int concurrent = a.intValue("concurrent", 4);
    int gen = a.intValue("gen", 64);
    int rounds = a.intValue("rounds", 5);
    int maxBatch = a.intValue("max-batch-size", 8);
    String mode = a.get("mode", "api");
    boolean api = "api".equals(mode);
    boolean singleMode = "single".equals(mode);
    String prompt = PromptBuilder.build(model, a.intValue("prompt-tokens", 32)).text();
    int[] ids;
    Map<String, Integer> noEnd = new HashMap<>();
    try (GgufFile file = GgufFile.open(model)) {
      Tokenizer tokenizer = Tokenizer.fromMetadata(file.metadata());
      ids = tokenizer.encode(prompt, true, false);
      for (int id : tokenizer.endOfGenerationIds()) {
        noEnd.put(Integer.toString(id), -100);
      }
    }
    int ctx = ((ids.length + gen + 63) / 64) * 64;
    Runner runner =
        api
            ? new ApiRunner(model, threads, ctx, concurrent, maxBatch, noEnd)
            : new EngineRunner(model, threads, ctx, singleMode ? 1 : concurrent, singleMode);
    List<Double> single = new ArrayList<>();
    List<Double> many = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    try (runner) {
      for (int r = -1; r < rounds; r++) { // round -1 warms up
        double one = runner.run(ids, 1, gen, 2 * r + 3);
        double all = runner.run(ids, singleMode ? 2 : concurrent, gen, 2 * r + 4);
        if (r >= 0) {
          single.add(one);
          many.add(all);
          ratios.add(all / one);
        }
        System.out.printf(
            Locale.ROOT,
            "round %d: 1 request %.2f tok/s, %d requests %.2f tok/s" + " aggregate, ratio %.2f%n",
            r,
            one,
            concurrent,
            all,
            all / one);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s %s, %d threads, prompt %d, gen %d: median 1 request"
            + " %.2f tok/s, %d concurrent %.2f tok/s aggregate; ratio median %.2f (min %.2f,"
            + " max %.2f)%n",
        mode,
        model.getFileName(),
        threads,
        ids.length,
        gen,
        Stats.median(single),
        concurrent,
        Stats.median(many),
        Stats.median(ratios),
        ratios.stream().mapToDouble(d -> d).min().orElse(0),
        ratios.stream().mapToDouble(d -> d).max().orElse(0));
    System.exit(0);
  }

  /** Runs {@code n} generations of {@code gen} tokens at once; returns aggregate tok/s. */
  private interface Runner extends AutoCloseable {
    double run(int[] ids, int n, int gen, int shift) throws Exception;

    @Override
    void close();
  }

  private static final class ApiRunner implements Runner {
    private final LocalClient client;
    private final Map<String, Integer> noEnd;

    ApiRunner(
        Path model,
        int threads,
        int ctx,
        int concurrent,
        int maxBatch,
        Map<String, Integer> noEnd) {
      this.client =
          LocalClient.builder()
              .model(model)
              .threads(threads)
              .contextSize(ctx)
              .maxConcurrentRequests(concurrent)
              .maxBatchSize(maxBatch)
              .offline(true)
              .downloadListener(DownloadListener.none())
              .build();
      this.noEnd = noEnd;
    }

    @Override
    public double run(int[] ids, int n, int gen, int shift) {
      long[] first = new long[n];
      int[] tokens = new int[n];
      List<Flowable<Long>> streams = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        // Different prompts (rotated), so no request reuses another's cached prompt.
        CompletionRequest request =
            CompletionRequest.builder()
                .model("local")
                .promptTokens(List.of(LlmkitBench.rotated(ids, shift * 8 + i)))
                .maxTokens(gen)
                .logitBias(noEnd)
                .seed(42L)
                .temperature(0.0)
                .streamIncludeUsage(true)
                .build();
        streams.add(
            client.completions().stream(request)
                .doOnNext(
                    c -> {
                      if (first[index] == 0) {
                        first[index] = System.nanoTime();
                      }
                      c.usage().ifPresent(u -> tokens[index] = u.completionTokens());
                    })
                .ignoreElements()
                .andThen(Flowable.fromCallable(System::nanoTime))
                .subscribeOn(Schedulers.io()));
      }
      List<Long> ends = Flowable.merge(streams).toList().blockingGet();
      long start = Long.MAX_VALUE;
      int total = 0;
      for (int i = 0; i < n; i++) {
        start = Math.min(start, first[i]);
        if (tokens[i] != gen) {
          throw new IllegalStateException(
              "request " + i + " made " + tokens[i] + " tokens, not " + gen);
        }
        total += tokens[i] - 1; // the first token comes with the prompt
      }
      long end = ends.stream().mapToLong(Long::longValue).max().orElseThrow();
      return total / ((end - start) / 1e9);
    }

    @Override
    public void close() {
      client.close();
    }
  }

  private static final class EngineRunner implements Runner {
    private final GgufFile file;
    private final ComputePool pool;
    private final Llama llama;
    private final LlamaState[] states;
    private final DecodeBatch batch;

    /** Whether a run of "2" means one sequence stepped through a DecodeBatch of one. */
    private final boolean singleMode;

    EngineRunner(Path model, int threads, int ctx, int concurrent, boolean singleMode) {
      this.singleMode = singleMode;
      this.file = GgufFile.open(model);
      this.pool = new ComputePool(threads);
      this.llama = Llama.load(file, ctx, pool);
      this.states = new LlamaState[concurrent];
      for (int i = 0; i < concurrent; i++) {
        states[i] = llama.newState();
      }
      this.batch = llama.newDecodeBatch(concurrent);
    }

    @Override
    public double run(int[] ids, int requested, int gen, int shift) {
      boolean stepOne = singleMode && requested == 2;
      int n = stepOne ? 1 : requested;
      int[] next = new int[n];
      for (int i = 0; i < n; i++) {
        int[] p = LlmkitBench.rotated(ids, shift * 8 + i).stream().mapToInt(x -> x).toArray();
        next[i] = argmax(llama.forward(states[i], p, 0));
      }
      long start = System.nanoTime();
      for (int t = 0; t < gen - 1; t++) {
        if (n == 1 && !stepOne) {
          next[0] = argmax(llama.forward(states[0], new int[] {next[0]}, states[0].filled()));
        } else {
          float[][] logits = batch.step(states, next, n);
          for (int i = 0; i < n; i++) {
            next[i] = argmax(logits[i]);
          }
        }
      }
      return (double) n * (gen - 1) / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
      pool.close();
      file.close();
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
