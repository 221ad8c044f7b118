package dev.llmkit.benchmarks;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.local.LocalClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-token cost of grammar-constrained decoding ({@code response_format: json_schema}) against
 * unconstrained generation on the same model, in one run, for vocabularies of SmolLM2's size
 * (49152 tokens) and Qwen2.5's (151936). The models are random-weight GGUFs written by
 * {@link SyntheticGguf} in those shapes; with random weights the sampled token is often refused
 * by the grammar, so the full token mask is needed far more often than with a trained model
 * (a pessimistic case for the constraint).
 *
 * <pre>
 * java -cp benchmarks.jar dev.llmkit.benchmarks.ConstraintBench --work DIR [--gen 64] \
 *     [--repeats 3] [--threads 2] [--shapes smollm2,qwen25]
 * </pre>
 */
public final class ConstraintBench {
  private ConstraintBench() {}

  /** A model shape: dimensions of the real model, its vocabulary size. */
  private record Shape(String name, int dim, int layers, int heads, int kvHeads, int ffn,
      int vocab) {}

  private static final List<Shape> SHAPES = List.of(
      new Shape("smollm2", 576, 30, 9, 3, 1536, 49152),
      new Shape("qwen25", 896, 24, 14, 2, 4864, 151936));

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    Path work = Path.of(a.require("work"));
    int gen = a.intValue("gen", 64);
    int repeats = a.intValue("repeats", 3);
    int threads = a.intValue("threads", 2);
    List<String> wanted = Arrays.asList(a.get("shapes", "smollm2,qwen25").split(","));
    Files.createDirectories(work);
    System.out.println("| shape | vocab | free ms/token | json_schema ms/token | overhead | first"
        + " constrained request ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (Shape s : SHAPES) {
      if (wanted.contains(s.name())) {
        System.out.println(run(s, work, gen, repeats, threads));
      }
    }
  }

  private static String run(Shape s, Path work, int gen, int repeats, int threads)
      throws Exception {
    Path file = work.resolve("synth-" + s.name() + "-Q8_0.gguf");
    if (!Files.exists(file)) {
      SyntheticGguf.main(new String[] {"--out", file.toString(), "--type", "Q8_0",
          "--dim", "" + s.dim(), "--layers", "" + s.layers(), "--heads", "" + s.heads(),
          "--kv-heads", "" + s.kvHeads(), "--ffn", "" + s.ffn(), "--vocab", "" + s.vocab(),
          "--context", "1024"});
    }
    try (LocalClient client = LocalClient.builder().model(file).contextSize(512)
        .threads(threads).build()) {
      ChatRequest free = ChatRequest.builder().model("m").addUserMessage("Give me JSON.")
          .temperature(1.0).seed(7L).maxCompletionTokens(gen)
          .extraBody(Map.of("ignore_eos", true)).build();
      ChatRequest json = free.toBuilder()
          .responseFormat(ResponseFormat.jsonSchema("items", schema(), true, null)).build();
      long cold = timeMs(client, json, gen, false);
      timeMs(client, free, gen, true); // warm-up
      List<Double> freeMs = new ArrayList<>();
      List<Double> jsonMs = new ArrayList<>();
      for (int i = 0; i < repeats; i++) { // interleaved, so machine load hits both alike
        freeMs.add(timeMs(client, free, gen, true) / (double) gen);
        jsonMs.add(timeMs(client, json, gen, true) / (double) gen);
      }
      double f = median(freeMs);
      double j = median(jsonMs);
      return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %+.1f %% | %d |", s.name(),
          s.vocab(), f, j, 100 * (j - f) / f, cold);
    }
  }

  private static long timeMs(LocalClient client, ChatRequest r, int gen, boolean exact) {
    long t0 = System.nanoTime();
    int tokens = client.chat().chat(r).usage().orElseThrow().completionTokens();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (exact && tokens != gen) {
      throw new IllegalStateException("generated " + tokens + " tokens, expected " + gen);
    }
    return ms;
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a[a.length / 2];
  }

  /** An array of records long enough that generation never completes it. */
  private static Map<String, Object> schema() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", Map.of("type", "integer"));
    fields.put("name", Map.of("type", "string", "maxLength", 12));
    fields.put("ok", Map.of("type", "boolean"));
    fields.put("tag", Map.of("enum", List.of("red", "reddish", "green", "blue")));
    fields.put("note", Map.of("type", List.of("string", "null")));
    Map<String, Object> item = Map.of("type", "object", "properties", fields,
        "required", List.copyOf(fields.keySet()), "additionalProperties", false);
    return Map.of("type", "object", "properties", Map.of("items", Map.of("type", "array",
        "items", item, "minItems", 1000)), "required", List.of("items"),
        "additionalProperties", false);
  }
}
