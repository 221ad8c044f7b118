package dev.llmkit.benchmarks;

import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.LocalClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Prompt processing time against prompt length through {@code LocalClient} (issue 15: a prompt 4×
 * longer took 12× as long). Each round feeds a prompt of every length in {@code --tokens}, in
 * order, as token ids (BOS, then random ids of the vocabulary's first 500, different per round so
 * no prompt reuses another's cache), asking for one greedy token; prints seconds per prompt. The
 * first round includes the JIT's warm-up.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.llmkit.benchmarks.LongPromptBench --model ../shared/models/stories260K/stories260K.gguf \
 *     --tokens 1001,4002 --rounds 2 [--threads 2] [--kv-cache-type f16]
 * </pre>
 */
public final class LongPromptBench {
  private LongPromptBench() {}

  public static void main(String[] argv) {
    Args args = new Args(argv);
    int[] lengths =
        Arrays.stream(args.get("tokens", "1001,4002").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int longest = Arrays.stream(lengths).max().orElse(1);
    try (LocalClient client =
        LocalClient.builder()
            .model(Path.of(args.require("model")))
            .contextSize(longest + 8)
            .threads(args.intValue("threads", 2))
            .kvCacheType(args.get("kv-cache-type", "f16"))
            .build()) {
      for (int round = 0; round < args.intValue("rounds", 2); round++) {
        for (int n : lengths) {
          List<Integer> tokens = new ArrayList<>();
          Random random = new Random(31L * n + round);
          tokens.add(1);
          while (tokens.size() < n) {
            tokens.add(3 + random.nextInt(500));
          }
          long t0 = System.nanoTime();
          client
              .completions()
              .complete(
                  CompletionRequest.builder()
                      .model("local")
                      .promptTokens(List.of(tokens))
                      .maxTokens(1)
                      .temperature(0.0)
                      .build());
          System.out.printf(
              "round %d: prompt %d tokens: %.2f s%n", round, n, (System.nanoTime() - t0) / 1e9);
        }
      }
    }
  }
}
