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
 * unconstrained generation on the same model, in one run, for vocabularies of SmolLM2's size (49152
 * tokens) and Qwen2.5's (151936). The models are random-weight GGUFs written by {@link
 * SyntheticGguf} in those shapes; with random weights the sampled token is often refused by the
 * grammar, so the full token mask is needed far more often than with a trained model (a pessimistic
 * case for the constraint).
 *
 * <p>Compile cost: after the engine is warmed up with unconstrained requests, the first request
 * with a schema is timed and its warm median subtracted ("extra ms"): for the first schema on the
 * model this includes building the vocabulary's token trie, for the next one only compiling the
 * schema and computing the token masks the request reaches. A second table measures the same on
 * one-layer models with the same vocabularies, where generation is cheap: the first schema there
 * includes the trie, the others are new schemas on a built trie.
 *
 * <pre>
 * java -cp benchmarks.jar dev.llmkit.benchmarks.ConstraintBench --work DIR [--gen 64] \
 *     [--repeats 3] [--threads 2] [--shapes smollm2,qwen25] [--overhead true] \
 *     [--compile true]
 * </pre>
 */
public final class ConstraintBench {
  private ConstraintBench() {}

  /** A model shape: dimensions of the real model, its vocabulary size. */
  private record Shape(
      String name, int dim, int layers, int heads, int kvHeads, int ffn, int vocab) {}

  private static final List<Shape> SHAPES =
      List.of(
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
    System.out.println(
        "| shape | vocab | free ms/token | json_schema ms/token | overhead | first"
            + " schema extra ms | next schema extra ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Shape s : SHAPES) {
      if (wanted.contains(s.name()) && Boolean.parseBoolean(a.get("overhead", "true"))) {
        System.out.println(run(s, work, gen, repeats, threads));
      }
    }
    if (!Boolean.parseBoolean(a.get("compile", "true"))) {
      return;
    }
    System.out.println();
    System.out.println(
        "| vocab | trie + first schema ms | string maxLength 12 ms | string"
            + " maxLength 1000 ms | tool call ms |");
    System.out.println("|---:|---:|---:|---:|---:|");
    for (Shape s : SHAPES) {
      if (wanted.contains(s.name())) {
        System.out.println(compile(s, work, gen, repeats, threads));
      }
    }
  }

  /**
   * Compile cost on a model of the shape's vocabulary but one tiny layer, so that generation is
   * cheap and the cost of a new schema stands out: for each schema, the first request's time less
   * the median of the warm ones (same seed, so the same states and cached masks).
   */
  private static String compile(Shape s, Path work, int gen, int repeats, int threads)
      throws Exception {
    Shape tiny = new Shape(s.name() + "-vocab", 64, 1, 2, 1, 128, s.vocab());
    Path file = model(tiny, work);
    try (LocalClient client =
        LocalClient.builder().model(file).contextSize(512).threads(threads).build()) {
      ChatRequest free =
          ChatRequest.builder()
              .model("m")
              .addUserMessage("Give me JSON.")
              .temperature(1.0)
              .seed(7L)
              .maxCompletionTokens(gen)
              .extraBody(Map.of("ignore_eos", true))
              .build();
      for (int i = 0; i < 3; i++) {
        timeMs(client, free, gen, true); // warm-up of the engine
      }
      List<Long> extra = new ArrayList<>();
      for (Map<String, Object> schema : List.of(schema(11), schema(12), schema(1000), toolLike())) {
        ChatRequest json =
            free.toBuilder()
                .responseFormat(ResponseFormat.jsonSchema("s", schema, true, null))
                .build();
        long cold = timeMs(client, json, gen, false); // the tool-like one may finish early
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
          warm.add((double) timeMs(client, json, gen, false));
        }
        extra.add(Math.round(cold - median(warm)));
      }
      return String.format(
          Locale.ROOT,
          "| %d | %d | %d | %d | %d |",
          s.vocab(),
          extra.get(0),
          extra.get(1),
          extra.get(2),
          extra.get(3));
    }
  }

  private static Path model(Shape s, Path work) throws Exception {
    Path file = work.resolve("synth-" + s.name() + "-Q8_0.gguf");
    if (!Files.exists(file)) {
      SyntheticGguf.main(
          new String[] {
            "--out",
            file.toString(),
            "--type",
            "Q8_0",
            "--dim",
            "" + s.dim(),
            "--layers",
            "" + s.layers(),
            "--heads",
            "" + s.heads(),
            "--kv-heads",
            "" + s.kvHeads(),
            "--ffn",
            "" + s.ffn(),
            "--vocab",
            "" + s.vocab(),
            "--context",
            "1024"
          });
    }
    return file;
  }

  /** A schema shaped like a tool's parameters: a few typed fields, an enum, a bounded integer. */
  private static Map<String, Object> toolLike() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("city", Map.of("type", "string"));
    fields.put("unit", Map.of("enum", List.of("celsius", "fahrenheit")));
    fields.put("days", Map.of("type", "integer", "minimum", 1, "maximum", 14));
    fields.put("when", Map.of("type", "string", "format", "date"));
    return Map.of(
        "type",
        "object",
        "properties",
        fields,
        "required",
        List.copyOf(fields.keySet()),
        "additionalProperties",
        false);
  }

  private static String run(Shape s, Path work, int gen, int repeats, int threads)
      throws Exception {
    Path file = model(s, work);
    try (LocalClient client =
        LocalClient.builder().model(file).contextSize(512).threads(threads).build()) {
      ChatRequest free =
          ChatRequest.builder()
              .model("m")
              .addUserMessage("Give me JSON.")
              .temperature(1.0)
              .seed(7L)
              .maxCompletionTokens(gen)
              .extraBody(Map.of("ignore_eos", true))
              .build();
      ChatRequest json =
          free.toBuilder()
              .responseFormat(ResponseFormat.jsonSchema("items", schema(12), true, null))
              .build();
      ChatRequest other =
          free.toBuilder()
              .responseFormat(ResponseFormat.jsonSchema("items", schema(1000), true, null))
              .build();
      timeMs(client, free, gen, true); // warm-up of the engine, so cold requests time compiling
      timeMs(client, free, gen, true);
      long firstSchema = timeMs(client, json, gen, true); // builds the vocabulary's token trie
      long nextSchema = timeMs(client, other, gen, true);
      List<Double> freeMs = new ArrayList<>();
      List<Double> jsonMs = new ArrayList<>();
      for (int i = 0; i < repeats; i++) { // interleaved, so machine load hits both alike
        freeMs.add(timeMs(client, free, gen, true) / (double) gen);
        jsonMs.add(timeMs(client, json, gen, true) / (double) gen);
      }
      List<Double> otherMs = new ArrayList<>();
      for (int i = 0; i < repeats; i++) {
        otherMs.add(timeMs(client, other, gen, true) / (double) gen);
      }
      double f = median(freeMs);
      double j = median(jsonMs);
      return String.format(
          Locale.ROOT,
          "| %s | %d | %.1f | %.1f | %+.1f %% | %d | %d |",
          s.name(),
          s.vocab(),
          f,
          j,
          100 * (j - f) / f,
          Math.round(firstSchema - j * gen),
          Math.round(nextSchema - median(otherMs) * gen));
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

  /**
   * An array of records long enough that generation never completes it; {@code nameLength} bounds a
   * string, so two values give two schemas (two compilations).
   */
  private static Map<String, Object> schema(int nameLength) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", Map.of("type", "integer"));
    fields.put("name", Map.of("type", "string", "maxLength", nameLength));
    fields.put("ok", Map.of("type", "boolean"));
    fields.put("tag", Map.of("enum", List.of("red", "reddish", "green", "blue")));
    fields.put("note", Map.of("type", List.of("string", "null")));
    Map<String, Object> item =
        Map.of(
            "type",
            "object",
            "properties",
            fields,
            "required",
            List.copyOf(fields.keySet()),
            "additionalProperties",
            false);
    return Map.of(
        "type",
        "object",
        "properties",
        Map.of("items", Map.of("type", "array", "items", item, "minItems", 1000)),
        "required",
        List.of("items"),
        "additionalProperties",
        false);
  }
}
