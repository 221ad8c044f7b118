package dev.llmkit.local.internal.embedding;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.common.Usage;
import dev.llmkit.embedding.Embedding;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.internal.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link EmbeddingService} over a local {@link EmbeddingModel}. Each input is tokenized (or taken
 * as given token ids), encoded and pooled; the vector is L2-normalised, and with {@code
 * dimensions} truncated to its first components and normalised again (Matryoshka style).
 * Usage counts every input token, special tokens included, as prompt and total tokens.
 *
 * <p>Token-array inputs are used exactly as given: for BERT models include {@code [CLS]} and
 * {@code [SEP]} yourself, as text inputs get them. Inputs longer than the model's context are
 * rejected, not truncated, as OpenAI does.
 *
 * <p>Inputs run on the caller's thread; BERT models encode short inputs together in packed
 * batches, and the matrix products are split over the model's compute threads. The {@code model}
 * of requests is not checked; responses name the loaded model. {@code encoding_format} has no
 * effect: vectors are always {@code float[]}.
 */
public final class LocalEmbeddingService implements EmbeddingService {
  private static final String PROVIDER = "local";
  private final EmbeddingModel model;

  public LocalEmbeddingService(EmbeddingModel model) {
    this.model = Checks.notNull(model, "model");
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request) {
    Checks.notNull(request, "request");
    int dims = request.dimensions().orElse(model.dimensions());
    if (dims > model.dimensions()) {
      throw invalid("dimensions", "dimensions is " + dims + " but model " + model.id()
          + " produces " + model.dimensions() + "-dimensional vectors; ask for at most "
          + model.dimensions());
    }
    List<int[]> inputs = tokenized(request);
    List<float[]> vectors = model.embedAll(inputs);
    List<Embedding> data = new ArrayList<>(inputs.size());
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      data.add(Embedding.builder().index(i).vector(normalized(vectors.get(i), dims)).build());
      tokens += inputs.get(i).length;
    }
    return EmbeddingResponse.builder()
        .model(model.id())
        .data(data)
        .usage(Usage.builder().promptTokens(tokens).totalTokens(tokens).build())
        .build();
  }

  /** Tokenizes and checks every input before any is encoded, so a bad input costs no compute. */
  private List<int[]> tokenized(EmbeddingRequest request) {
    boolean text = request.inputKind() == EmbeddingRequest.InputKind.TEXT
        || request.inputKind() == EmbeddingRequest.InputKind.TEXTS;
    List<int[]> inputs = new ArrayList<>(request.inputCount());
    if (text) {
      for (String s : request.texts()) {
        inputs.add(model.tokenize(s));
      }
    } else {
      inputs.addAll(request.tokenArrays());
    }
    for (int i = 0; i < inputs.size(); i++) {
      int[] ids = inputs.get(i);
      if (ids.length == 0) {
        throw invalid("input", "input[" + i + "] has no tokens");
      }
      if (ids.length > model.maxTokens()) {
        throw invalid("input", "input[" + i + "] has " + ids.length + " tokens but model "
            + model.id() + " takes at most " + model.maxTokens() + "; shorten or split it");
      }
      for (int id : ids) {
        if (id < 0 || id >= model.vocabularySize()) {
          throw invalid("input", "input[" + i + "] has token id " + id + ", outside the "
              + "vocabulary [0, " + model.vocabularySize() + ") of model " + model.id());
        }
      }
    }
    return inputs;
  }

  /** The first {@code dims} components of {@code v}, scaled to unit length (zeros stay zeros). */
  static float[] normalized(float[] v, int dims) {
    double ss = 0;
    for (int i = 0; i < dims; i++) {
      ss += (double) v[i] * v[i];
    }
    float[] out = new float[dims];
    double inv = ss > 0 ? 1.0 / Math.sqrt(ss) : 0.0;
    for (int i = 0; i < dims; i++) {
      out[i] = (float) (v[i] * inv);
    }
    return out;
  }

  private static InvalidRequestException invalid(String param, String message) {
    return new InvalidRequestException(PROVIDER, 400, "invalid_request_error", null, param, null,
        null, message, null);
  }

  @Override
  public String toString() {
    return "LocalEmbeddingService{model=" + model.id() + "}";
  }
}
