package dev.llmkit.embedding;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to turn texts or token sequences into vectors. Immutable; build with {@link
 * #builder()}.
 *
 * <p>The input has one of four shapes, reported by {@link #inputKind()}: one text, many texts, one
 * token array, or many token arrays. Each input gets one {@link Embedding} whose {@link
 * Embedding#index()} is its position. No request size limit is enforced here; split large inputs
 * with {@link Embeddings#embedAll(EmbeddingService, EmbeddingRequest, int)}.
 */
public final class EmbeddingRequest {

  /** The shape of the input, which decides how it is sent on the wire. */
  public enum InputKind {
    /** One string ({@link #texts()} has one entry). */
    TEXT,
    /** An array of strings. */
    TEXTS,
    /** One array of token ids ({@link #tokenArrays()} has one entry). */
    TOKENS,
    /** An array of token id arrays. */
    TOKEN_ARRAYS
  }

  private final String model;
  private final InputKind inputKind;
  private final List<String> texts;
  private final List<int[]> tokenArrays;
  private final @Nullable Integer dimensions;
  private final @Nullable EncodingFormat encodingFormat;
  private final @Nullable String user;
  private final Map<String, Object> extraBody;

  private EmbeddingRequest(Builder b) {
    this.model = Checks.notBlank(b.model, "model");
    this.inputKind =
        Checks.notNull(
            b.inputKind,
            "input (set input(), inputs(), "
                + "inputTokens() or inputTokenArrays() on the builder)");
    this.texts = Immutables.list(b.texts, "inputs");
    List<int[]> tokens = new ArrayList<>(b.tokenArrays.size());
    for (int i = 0; i < b.tokenArrays.size(); i++) {
      int[] array = Checks.notNull(b.tokenArrays.get(i), "inputTokenArrays[" + i + "]");
      Checks.check(
          array.length > 0, "inputTokenArrays[" + i + "] is empty; it needs 1 or more tokens");
      tokens.add(array.clone());
    }
    this.tokenArrays = Collections.unmodifiableList(tokens);
    if (inputKind == InputKind.TEXT || inputKind == InputKind.TEXTS) {
      Checks.check(!texts.isEmpty(), "inputs is empty; at least one text is required");
      for (int i = 0; i < texts.size(); i++) {
        Checks.check(
            !texts.get(i).isEmpty(),
            "inputs[" + i + "] is an empty string; " + "embedding inputs must not be empty");
      }
    } else {
      Checks.check(!tokenArrays.isEmpty(), "inputTokenArrays is empty; at least one is required");
    }
    Checks.atLeast(b.dimensions, 1, "dimensions");
    this.dimensions = b.dimensions;
    this.encodingFormat = b.encodingFormat;
    this.user = b.user;
    this.extraBody = Immutables.extra(b.extraBody, "extraBody");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public String model() {
    return model;
  }

  public InputKind inputKind() {
    return inputKind;
  }

  /** The number of inputs, which is the number of embeddings to expect. */
  public int inputCount() {
    return inputKind == InputKind.TEXT || inputKind == InputKind.TEXTS
        ? texts.size()
        : tokenArrays.size();
  }

  /** The texts of a {@link InputKind#TEXT} or {@link InputKind#TEXTS} input; empty otherwise. */
  public List<String> texts() {
    return texts;
  }

  /**
   * Copies of the token arrays of a {@link InputKind#TOKENS} or {@link InputKind#TOKEN_ARRAYS}
   * input.
   */
  public List<int[]> tokenArrays() {
    List<int[]> copy = new ArrayList<>(tokenArrays.size());
    tokenArrays.forEach(a -> copy.add(a.clone()));
    return Collections.unmodifiableList(copy);
  }

  /** The number of output dimensions; null means the model's full size. */
  public @Nullable Integer dimensions() {
    return dimensions;
  }

  /** The wire encoding; null means the provider picks (OpenAI uses base64). */
  public @Nullable EncodingFormat encodingFormat() {
    return encodingFormat;
  }

  /** An end-user id for abuse monitoring; null = none sent. */
  public @Nullable String user() {
    return user;
  }

  /** Provider fields sent verbatim in the request body. */
  public Map<String, Object> extraBody() {
    return extraBody;
  }

  /** A request for inputs {@code [from, to)} of this one, as a many-input request. */
  EmbeddingRequest slice(int from, int to) {
    Builder b = toBuilder();
    return inputKind == InputKind.TEXT || inputKind == InputKind.TEXTS
        ? b.inputs(texts.subList(from, to)).build()
        : b.inputTokenArrays(tokenArrays.subList(from, to)).build();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof EmbeddingRequest r) || tokenArrays.size() != r.tokenArrays.size()) {
      return false;
    }
    for (int i = 0; i < tokenArrays.size(); i++) {
      if (!Arrays.equals(tokenArrays.get(i), r.tokenArrays.get(i))) {
        return false;
      }
    }
    return model.equals(r.model)
        && inputKind == r.inputKind
        && texts.equals(r.texts)
        && Objects.equals(dimensions, r.dimensions)
        && Objects.equals(encodingFormat, r.encodingFormat)
        && Objects.equals(user, r.user)
        && extraBody.equals(r.extraBody);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(model, inputKind, texts, dimensions, encodingFormat, user, extraBody);
    for (int[] a : tokenArrays) {
      h = 31 * h + Arrays.hashCode(a);
    }
    return h;
  }

  /** Prints the model and the input count, never the input itself. */
  @Override
  public String toString() {
    return "EmbeddingRequest{model="
        + model
        + ", input="
        + inputKind
        + "x"
        + inputCount()
        + (dimensions != null ? ", dimensions=" + dimensions : "")
        + (encodingFormat != null ? ", encodingFormat=" + encodingFormat : "")
        + "}";
  }

  public static final class Builder {
    private @Nullable String model;
    private @Nullable InputKind inputKind;
    private List<String> texts = List.of();
    private List<int[]> tokenArrays = List.of();
    private @Nullable Integer dimensions;
    private @Nullable EncodingFormat encodingFormat;
    private @Nullable String user;
    private Map<String, Object> extraBody = new LinkedHashMap<>();

    private Builder() {}

    private Builder(EmbeddingRequest r) {
      this.model = r.model;
      this.inputKind = r.inputKind;
      this.texts = r.texts;
      this.tokenArrays = r.tokenArrays;
      this.dimensions = r.dimensions;
      this.encodingFormat = r.encodingFormat;
      this.user = r.user;
      this.extraBody = new LinkedHashMap<>(r.extraBody);
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** Embeds one text, sent as a single string. Replaces any earlier input. */
    public Builder input(String text) {
      Checks.notNull(text, "text");
      return setTexts(InputKind.TEXT, List.of(text));
    }

    /** Embeds each text, sent as an array. Replaces any earlier input. */
    public Builder inputs(List<String> texts) {
      return setTexts(InputKind.TEXTS, Immutables.list(texts, "inputs"));
    }

    /** Embeds one token sequence. Replaces any earlier input. */
    public Builder inputTokens(int... tokens) {
      Checks.notNull(tokens, "tokens");
      return setTokens(InputKind.TOKENS, List.of(tokens.clone()));
    }

    /** Embeds each token sequence, sent as an array of arrays. Replaces any earlier input. */
    public Builder inputTokenArrays(List<int[]> tokenArrays) {
      Checks.notNull(tokenArrays, "tokenArrays");
      List<int[]> copy = new ArrayList<>(tokenArrays.size());
      for (int i = 0; i < tokenArrays.size(); i++) {
        copy.add(Checks.notNull(tokenArrays.get(i), "inputTokenArrays[" + i + "]").clone());
      }
      return setTokens(InputKind.TOKEN_ARRAYS, copy);
    }

    private Builder setTexts(InputKind kind, List<String> values) {
      this.inputKind = kind;
      this.texts = values;
      this.tokenArrays = List.of();
      return this;
    }

    private Builder setTokens(InputKind kind, List<int[]> values) {
      this.inputKind = kind;
      this.tokenArrays = values;
      this.texts = List.of();
      return this;
    }

    /** Sets the output size (1 or more), for models that support shortening. */
    public Builder dimensions(@Nullable Integer dimensions) {
      this.dimensions = dimensions;
      return this;
    }

    public Builder encodingFormat(@Nullable EncodingFormat encodingFormat) {
      this.encodingFormat = encodingFormat;
      return this;
    }

    public Builder user(@Nullable String user) {
      this.user = user;
      return this;
    }

    public Builder extraBody(Map<String, ?> extraBody) {
      this.extraBody = new LinkedHashMap<>(Immutables.extra(extraBody, "extraBody"));
      return this;
    }

    public Builder putExtraBody(String key, Object value) {
      Checks.notNull(key, "key");
      extraBody.put(key, Checks.notNull(value, "value"));
      return this;
    }

    public EmbeddingRequest build() {
      return new EmbeddingRequest(this);
    }
  }
}
