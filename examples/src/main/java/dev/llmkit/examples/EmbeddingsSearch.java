package dev.llmkit.examples;

import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.embedding.Embedding;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Semantic search: embeds a few documents and a query in one request, then ranks the documents by
 * cosine similarity to the query.
 *
 * <pre>
 * mvn -q -pl examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.llmkit.examples.EmbeddingsSearch -Dllmkit.provider=openai
 * </pre>
 */
public final class EmbeddingsSearch {
  static final String MODEL = "text-embedding-3-small";
  static final List<String> DOCUMENTS =
      List.of(
          "The Eiffel Tower is in Paris.",
          "Bananas are rich in potassium.",
          "Java 17 added sealed classes.");

  private EmbeddingsSearch() {}

  public static void main(String[] args) {
    try (LlmClient llm = Llm.client()) {
      run(llm, System.out, DOCUMENTS, "Which fruit is healthy?");
    }
  }

  /** Prints {@code documents} best match first, with scores; returns them in that order. */
  static List<String> run(LlmClient llm, PrintStream out, List<String> documents, String query) {
    List<String> inputs = new ArrayList<>(documents);
    inputs.add(query); // the last vector is the query's
    EmbeddingResponse response =
        llm.embeddings().embed(EmbeddingRequest.builder().model(MODEL).inputs(inputs).build());
    Embedding queryVector = response.embedding(documents.size());

    List<Map.Entry<String, Double>> ranked = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      double score = response.embedding(i).cosineSimilarity(queryVector);
      ranked.add(Map.entry(documents.get(i), score));
    }
    ranked.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));

    List<String> order = new ArrayList<>();
    for (Map.Entry<String, Double> entry : ranked) {
      out.printf(Locale.ROOT, "%.3f  %s%n", entry.getValue(), entry.getKey());
      order.add(entry.getKey());
    }
    return order;
  }
}
