package dev.llmkit.local.internal.service;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.common.Usage;
import dev.llmkit.embedding.Embedding;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.local.LocalEmbeddingOptions;
import dev.llmkit.local.internal.Args;
import dev.llmkit.local.internal.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link EmbeddingService} over a local {@link EmbeddingModel}. Each input is tokenized (or taken
 * as given token ids), encoded and pooled; the vector is L2-normalised, and with {@code dimensions}
 * truncated to its first components and normalised again (Matryoshka style). Usage counts every
 * input token, special tokens included, as prompt and total tokens.
 *
 * <p>Text inputs follow {@link LocalEmbeddingOptions}: one longer than the token limit (the model's
 * {@code context_length} unless set lower) keeps its first tokens and the closing special token, as
 * sentence-transformers does, or is rejected with a 400 when truncation is off. A text that is
 * empty or holds only whitespace, control or format characters is rejected with a 400: it has
 * nothing to embed (OpenAI rejects empty input too). Literal special tokens in a text are special
 * for BERT models unless the options say otherwise.
 *
 * <p>Token-array inputs are used exactly as given: for BERT models include {@code [CLS]} and {@code
 * [SEP]} yourself, as text inputs get them. They are never cut: longer than the token limit is a
 * 400.
 *
 * <p>Inputs run on the caller's thread; BERT models encode short inputs together in packed batches,
 * and the matrix products are split over the model's compute threads. The {@code model} of requests
 * is not checked; responses name the loaded model. {@code encoding_format} has no effect: vectors
 * are always {@code float[]}.
 */
public final class LocalEmbeddingService implements EmbeddingService {
  private static final String PROVIDER = "local";
  private final EmbeddingModel model;
  private final LocalEmbeddingOptions options;
  private final int maxTokens;

  public LocalEmbeddingService(EmbeddingModel model) {
    this(model, LocalEmbeddingOptions.defaults());
  }

  /**
   * @throws IllegalArgumentException if the options' token limit is above the model's
   */
  public LocalEmbeddingService(EmbeddingModel model, LocalEmbeddingOptions options) {
    this.model = Args.notNull(model, "model");
    this.options = Args.notNull(options, "options");
    Args.check(
        options.maxTokens() <= model.maxTokens(),
        "embedding maxTokens is "
            + options.maxTokens()
            + " but model "
            + model.id()
            + " takes at most "
            + model.maxTokens()
            + " tokens (llmkit.local.embedding-max-tokens)");
    this.maxTokens = options.maxTokens() == 0 ? model.maxTokens() : options.maxTokens();
  }

  /** The most tokens one input may have, special tokens included. */
  public int maxTokens() {
    return maxTokens;
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request) {
    Args.notNull(request, "request");
    int dims = Objects.requireNonNullElse(request.dimensions(), model.dimensions());
    if (dims > model.dimensions()) {
      throw invalid(
          "dimensions",
          "dimensions is "
              + dims
              + " but model "
              + model.id()
              + " produces "
              + model.dimensions()
              + "-dimensional vectors; ask for at most "
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
    boolean text =
        request.inputKind() == EmbeddingRequest.InputKind.TEXT
            || request.inputKind() == EmbeddingRequest.InputKind.TEXTS;
    List<int[]> inputs = new ArrayList<>(request.inputCount());
    if (text) {
      List<String> texts = request.texts();
      for (int i = 0; i < texts.size(); i++) {
        inputs.add(tokenizeText(texts.get(i), i));
      }
    } else {
      inputs.addAll(request.tokenArrays());
    }
    for (int i = 0; i < inputs.size(); i++) {
      int[] ids = inputs.get(i);
      if (ids.length == 0) {
        throw invalid("input", "input[" + i + "] has no tokens");
      }
      if (ids.length > maxTokens) {
        throw invalid(
            "input",
            "input["
                + i
                + "] has "
                + ids.length
                + " tokens but model "
                + model.id()
                + " takes at most "
                + maxTokens
                + " here; shorten or split it"
                + (text ? ", or turn truncation on (llmkit.local.embedding-truncate)" : ""));
      }
      for (int id : ids) {
        if (id < 0 || id >= model.vocabularySize()) {
          throw invalid(
              "input",
              "input["
                  + i
                  + "] has token id "
                  + id
                  + ", outside the "
                  + "vocabulary [0, "
                  + model.vocabularySize()
                  + ") of model "
                  + model.id());
        }
      }
    }
    return inputs;
  }

  /** The ids of text input {@code index}, cut to the limit when truncating. */
  private int[] tokenizeText(String text, int index) {
    if (isBlank(text)) {
      throw invalid(
          "input",
          "input["
              + index
              + "] is "
              + (text.isEmpty() ? "empty" : "only whitespace or control characters")
              + "; there is nothing to embed");
    }
    int[] ids = model.tokenize(text, options.parseSpecialTokens());
    return options.truncate() ? model.truncate(ids, maxTokens) : ids;
  }

  /** Whether every character is whitespace or a control, format, private-use or surrogate one. */
  static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      boolean blank =
          Character.isWhitespace(cp)
              || type == Character.SPACE_SEPARATOR
              || type == Character.CONTROL
              || type == Character.FORMAT
              || type == Character.PRIVATE_USE
              || type == Character.SURROGATE;
      if (!blank) {
        return false;
      }
    }
    return true;
  }

  /** The first {@code dims} components of {@code v}, scaled to unit length (zeros stay zeros). */
  public static float[] normalized(float[] v, int dims) {
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
    return InvalidRequestException.invalidParameter(PROVIDER, param, message);
  }

  @Override
  public String toString() {
    return "LocalEmbeddingService{model=" + model.id() + "}";
  }
}
