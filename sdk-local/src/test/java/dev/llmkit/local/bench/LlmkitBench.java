package dev.llmkit.local.bench;

import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.DownloadListener;
import dev.llmkit.local.LocalClient;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.model.LlamaState;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import io.reactivex.rxjava3.core.Flowable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Child-JVM side for llmkit. Mode {@code api} goes through the public {@link LocalClient}
 * completions stream (what an application sees: tokenizer, sampler, Rx); mode {@code engine} calls
 * the internal forward pass directly (pure engine: prompt as one batch, then one token per call,
 * greedy argmax). Prints one {@link Measurement} line.
 */
public final class LlmkitBench {
  private LlmkitBench() {}

  public static void main(String[] argv) {
    try {
      run(new Args(argv));
      System.exit(0);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(Args args) throws Exception {
    Path model = Path.of(args.require("model"));
    int threads = args.intValue("threads", 2);
    String prompt = Files.readString(Path.of(args.require("prompt-file")));
    int gen = args.intValue("gen", 32);
    int repeats = args.intValue("repeats", 3);
    int warmup = args.intValue("warmup", 1);
    int ctx = args.intValue("ctx", 512);
    boolean greedy = !"default".equals(args.get("sampling", "greedy"));
    Measurement m =
        "engine".equals(args.get("mode", "api"))
            ? engine(model, threads, prompt, gen, repeats, warmup, ctx)
            : api(model, threads, prompt, gen, repeats, warmup, ctx, greedy);
    System.out.println(m.toLine());
    System.out.flush();
  }

  /**
   * The public API. {@code greedy}: temperature 0; else the client's default sampling (temperature
   * 0.8, top-k 40, top-p 0.95, min-p 0.05, a fixed seed).
   */
  private static Measurement api(
      Path model,
      int threads,
      String prompt,
      int gen,
      int repeats,
      int warmup,
      int ctx,
      boolean greedy) {
    Measurement m = new Measurement();
    long t0 = System.nanoTime();
    LocalClient.Builder builder =
        LocalClient.builder()
            .model(model)
            .threads(threads)
            .contextSize(ctx)
            .offline(true)
            .downloadListener(DownloadListener.none());
    if (greedy) {
      builder.temperature(0);
    }
    try (LocalClient client = builder.build()) {
      m.loadMs = (System.nanoTime() - t0) / 1e6;
      Map<String, Integer> noEnd = new HashMap<>();
      int[] ids;
      try (GgufFile file = GgufFile.open(model)) {
        Tokenizer tokenizer = Tokenizer.fromMetadata(file.metadata());
        for (int id : tokenizer.endOfGenerationIds()) {
          noEnd.put(Integer.toString(id), -100);
        }
        ids = tokenizer.encode(prompt, true, false);
      }
      int promptTokens = ids.length;
      for (int i = 0; i < warmup + repeats; i++) {
        // The client reuses the KV cache of an earlier prompt with the same leading tokens, so each
        // repetition sends the prompt's tokens rotated differently (BOS stays first): the same
        // tokens, but no shared prefix to skip. llama.cpp runs with cache_prompt=false.
        CompletionRequest.Builder request =
            CompletionRequest.builder()
                .model("local")
                .promptTokens(List.of(rotated(ids, i + 1)))
                .maxTokens(gen)
                .logitBias(noEnd)
                .seed(42L);
        if (greedy) {
          request.temperature(0.0);
        }
        long start = System.nanoTime();
        long[] first = {0};
        int[] chunks = {0};
        Flowable<CompletionChunk> stream = client.completions().stream(request.build());
        stream.blockingForEach(
            c -> {
              if (chunks[0]++ == 0) {
                first[0] = System.nanoTime();
              }
            });
        long end = System.nanoTime();
        if (i >= warmup) {
          m.promptTokensPerSecond.add(promptTokens / ((first[0] - start) / 1e9));
          m.genTokensPerSecond.add((chunks[0] - 1) / ((end - first[0]) / 1e9));
        }
        m.info.put("chunks", Integer.toString(chunks[0]));
      }
      m.info.put("promptTokens", Integer.toString(promptTokens));
    }
    return m;
  }

  private static Measurement engine(
      Path model, int threads, String prompt, int gen, int repeats, int warmup, int ctx) {
    Measurement m = new Measurement();
    long t0 = System.nanoTime();
    try (GgufFile file = GgufFile.open(model);
        ComputePool pool = new ComputePool(threads)) {
      Llama llama = Llama.load(file, ctx, pool);
      Tokenizer tokenizer = Tokenizer.fromMetadata(file.metadata());
      m.loadMs = (System.nanoTime() - t0) / 1e6;
      int[] ids = tokenizer.encode(prompt, true, false);
      LlamaState state = llama.newState();
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < warmup + repeats; i++) {
        long start = System.nanoTime();
        float[] logits = llama.forward(state, ids, 0);
        long promptDone = System.nanoTime();
        int next = argmax(logits);
        int[] one = new int[1];
        text.setLength(0);
        for (int t = 0; t < gen; t++) {
          one[0] = next;
          text.append(next).append(' ');
          logits = llama.forward(state, one, ids.length + t);
          next = argmax(logits);
        }
        long end = System.nanoTime();
        if (i >= warmup) {
          m.promptTokensPerSecond.add(ids.length / ((promptDone - start) / 1e9));
          m.genTokensPerSecond.add(gen / ((end - promptDone) / 1e9));
        }
      }
      m.info.put("promptTokens", Integer.toString(ids.length));
      m.info.put("kernels", llama.toString().replaceAll(".*kernels ([^,]*),.*", "$1"));
      m.info.put("firstIds", text.toString().trim().replaceAll("^((\\S+ ){0,7}\\S+).*", "$1"));
    }
    return m;
  }

  /** {@code ids} with everything after the first token rotated left by {@code shift}. */
  static List<Integer> rotated(int[] ids, int shift) {
    List<Integer> out = new ArrayList<>(ids.length);
    out.add(ids[0]);
    int rest = ids.length - 1;
    for (int k = 0; k < rest; k++) {
      out.add(ids[1 + (k + shift) % rest]);
    }
    return out;
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
