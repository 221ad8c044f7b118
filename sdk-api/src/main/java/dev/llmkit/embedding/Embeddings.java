package dev.llmkit.embedding;

import dev.llmkit.common.Usage;
import dev.llmkit.internal.Checks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Helpers for working with embeddings: similarity, and embedding more inputs than fit one request.
 */
public final class Embeddings {
  private Embeddings() {}

  /**
   * Returns the cosine similarity of {@code a} and {@code b}: 1 for the same direction, 0 for
   * orthogonal vectors, -1 for opposite ones. Sums are taken in {@code double}.
   *
   * @throws IllegalArgumentException if the lengths differ, a vector is empty or all zeros
   */
  public static double cosineSimilarity(float[] a, float[] b) {
    Checks.notNull(a, "a");
    Checks.notNull(b, "b");
    Checks.check(
        a.length == b.length,
        "a has "
            + a.length
            + " dimensions and b has "
            + b.length
            + "; cosine similarity needs vectors of the same length");
    Checks.check(a.length > 0, "a and b are empty; cosine similarity needs 1 or more dimensions");
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
      normB += (double) b[i] * b[i];
    }
    Checks.check(normA > 0, "a is a zero vector; cosine similarity is undefined for it");
    Checks.check(normB > 0, "b is a zero vector; cosine similarity is undefined for it");
    double similarity = dot / (Math.sqrt(normA) * Math.sqrt(normB));
    return Math.max(-1.0, Math.min(1.0, similarity));
  }

  /**
   * Embeds {@code inputs} with the settings (model, dimensions, …) of {@code template}, whose own
   * input is ignored, in requests of at most {@code maxBatchSize} inputs each. See {@link
   * #embedAll(EmbeddingService, EmbeddingRequest, int)}.
   */
  public static EmbeddingResponse embedAll(
      EmbeddingService service, EmbeddingRequest template, List<String> inputs, int maxBatchSize) {
    Checks.notNull(template, "template");
    return embedAll(service, template.toBuilder().inputs(inputs).build(), maxBatchSize);
  }

  /**
   * Embeds every input of {@code request}, sending requests of at most {@code maxBatchSize} inputs
   * one after the other on the caller's thread. The result holds one embedding per input in input
   * order, with {@link Embedding#index()} counted over the whole request, and the usage summed over
   * all batches (absent if no batch reported usage).
   *
   * @throws IllegalArgumentException if {@code maxBatchSize} is less than 1
   * @throws IllegalStateException if the provider returns the wrong number of embeddings
   */
  public static EmbeddingResponse embedAll(
      EmbeddingService service, EmbeddingRequest request, int maxBatchSize) {
    Checks.notNull(service, "service");
    List<EmbeddingRequest> batches = split(request, maxBatchSize);
    List<EmbeddingResponse> responses = new ArrayList<>(batches.size());
    for (EmbeddingRequest batch : batches) {
      responses.add(service.embed(batch));
    }
    return merge(batches, responses);
  }

  /**
   * Returns a cold {@link Single} doing what {@link #embedAll(EmbeddingService, EmbeddingRequest,
   * int)} does with {@link EmbeddingService#embedAsync}, one batch at a time.
   */
  public static Single<EmbeddingResponse> embedAllAsync(
      EmbeddingService service, EmbeddingRequest request, int maxBatchSize) {
    Checks.notNull(service, "service");
    List<EmbeddingRequest> batches = split(request, maxBatchSize);
    return Flowable.fromIterable(batches)
        .concatMapSingle(service::embedAsync)
        .toList()
        .map(responses -> merge(batches, responses));
  }

  static List<EmbeddingRequest> split(EmbeddingRequest request, int maxBatchSize) {
    Checks.notNull(request, "request");
    Checks.check(maxBatchSize >= 1, "maxBatchSize is " + maxBatchSize + "; it must be at least 1");
    int count = request.inputCount();
    if (count <= maxBatchSize) {
      return List.of(request);
    }
    List<EmbeddingRequest> batches = new ArrayList<>((count + maxBatchSize - 1) / maxBatchSize);
    for (int from = 0; from < count; from += maxBatchSize) {
      batches.add(request.slice(from, Math.min(count, from + maxBatchSize)));
    }
    return batches;
  }

  static EmbeddingResponse merge(
      List<EmbeddingRequest> batches, List<EmbeddingResponse> responses) {
    List<Embedding> all = new ArrayList<>();
    int prompt = 0;
    int total = 0;
    boolean anyUsage = false;
    int offset = 0;
    for (int b = 0; b < batches.size(); b++) {
      int expected = batches.get(b).inputCount();
      EmbeddingResponse response = responses.get(b);
      List<Embedding> data = new ArrayList<>(response.data());
      data.sort(Comparator.comparingInt(Embedding::index));
      for (int i = 0; i < data.size(); i++) {
        if (data.size() != expected || data.get(i).index() != i) {
          throw new IllegalStateException(
              "batch "
                  + b
                  + " sent "
                  + expected
                  + " inputs but the "
                  + "provider returned "
                  + data.size()
                  + " embeddings that are not indexed 0 to "
                  + (expected - 1));
        }
        all.add(data.get(i).toBuilder().index(offset + i).build());
      }
      if (data.size() != expected) {
        throw new IllegalStateException(
            "batch " + b + " sent " + expected + " inputs but the provider returned no embeddings");
      }
      if (response.usage().isPresent()) {
        anyUsage = true;
        prompt += response.usage().get().promptTokens();
        total += response.usage().get().totalTokens();
      }
      offset += expected;
    }
    EmbeddingResponse first = responses.get(0);
    return first.toBuilder()
        .data(all)
        .usage(anyUsage ? Usage.builder().promptTokens(prompt).totalTokens(total).build() : null)
        .build();
  }
}
