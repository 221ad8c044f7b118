package dev.llmkit.moderation;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to classify text and images for harmful content. Immutable; build with {@link
 * #builder()}.
 *
 * <p>The input is one of three shapes, reported by {@link #inputKind()}: a single text, many texts,
 * or a list of multimodal {@link ModerationPart}s. Each text (or the whole part list) gets one
 * {@link ModerationResult}.
 */
public final class ModerationRequest {
  /** The model used when none is set. */
  public static final String DEFAULT_MODEL = "omni-moderation-latest";

  /** The shape of the input, which decides how it is sent on the wire. */
  public enum InputKind {
    /** One string: {@link #texts()} has exactly one entry. */
    TEXT,
    /** An array of strings. */
    TEXTS,
    /** An array of multimodal parts: see {@link #parts()}. */
    PARTS
  }

  private final String model;
  private final InputKind inputKind;
  private final List<String> texts;
  private final List<ModerationPart> parts;
  private final Map<String, Object> extraBody;

  private ModerationRequest(Builder b) {
    this.model = Checks.notBlank(b.model, "model");
    this.inputKind =
        Checks.notNull(b.inputKind, "input (set input(), inputs() or parts() on the builder)");
    this.texts = Immutables.list(b.texts, "inputs");
    this.parts = Immutables.list(b.parts, "parts");
    if (inputKind == InputKind.PARTS) {
      Checks.check(!parts.isEmpty(), "parts is empty; at least one text or image part is required");
    } else {
      Checks.check(!texts.isEmpty(), "inputs is empty; at least one text is required");
    }
    this.extraBody = Immutables.extra(b.extraBody, "extraBody");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns a request for one text with the default model. */
  public static ModerationRequest of(String text) {
    return builder().input(text).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The moderation model, {@value #DEFAULT_MODEL} unless set. */
  public String model() {
    return model;
  }

  public InputKind inputKind() {
    return inputKind;
  }

  /** The texts for {@link InputKind#TEXT} and {@link InputKind#TEXTS}; empty for parts. */
  public List<String> texts() {
    return texts;
  }

  /** The parts for {@link InputKind#PARTS}; empty otherwise. */
  public List<ModerationPart> parts() {
    return parts;
  }

  /** Provider fields sent verbatim in the request body. */
  public Map<String, Object> extraBody() {
    return extraBody;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ModerationRequest r
        && model.equals(r.model)
        && inputKind == r.inputKind
        && texts.equals(r.texts)
        && parts.equals(r.parts)
        && extraBody.equals(r.extraBody);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, inputKind, texts, parts, extraBody);
  }

  /** Prints the model and input sizes, never the input itself. */
  @Override
  public String toString() {
    int count = inputKind == InputKind.PARTS ? parts.size() : texts.size();
    return "ModerationRequest{model=" + model + ", input=" + inputKind + "x" + count + "}";
  }

  public static final class Builder {
    private @Nullable String model = DEFAULT_MODEL;
    private @Nullable InputKind inputKind;
    private List<String> texts = new ArrayList<>();
    private List<ModerationPart> parts = new ArrayList<>();
    private Map<String, Object> extraBody = new LinkedHashMap<>();

    private Builder() {}

    private Builder(ModerationRequest r) {
      this.model = r.model;
      this.inputKind = r.inputKind;
      this.texts = new ArrayList<>(r.texts);
      this.parts = new ArrayList<>(r.parts);
      this.extraBody = new LinkedHashMap<>(r.extraBody);
    }

    /** Sets the model; defaults to {@value ModerationRequest#DEFAULT_MODEL}. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** Classifies one text, sent as a single string. Replaces any earlier input. */
    public Builder input(String text) {
      Checks.notNull(text, "text");
      this.inputKind = InputKind.TEXT;
      this.texts = new ArrayList<>(List.of(text));
      this.parts = new ArrayList<>();
      return this;
    }

    /** Classifies each text separately, sent as an array. Replaces any earlier input. */
    public Builder inputs(List<String> texts) {
      this.inputKind = InputKind.TEXTS;
      this.texts = new ArrayList<>(Immutables.list(texts, "inputs"));
      this.parts = new ArrayList<>();
      return this;
    }

    /** Classifies text and image parts together. Replaces any earlier input. */
    public Builder parts(List<ModerationPart> parts) {
      this.inputKind = InputKind.PARTS;
      this.parts = new ArrayList<>(Immutables.list(parts, "parts"));
      this.texts = new ArrayList<>();
      return this;
    }

    /** Appends a part, switching the input to parts if it held texts. */
    public Builder addPart(ModerationPart part) {
      Checks.notNull(part, "part");
      if (inputKind != InputKind.PARTS) {
        inputKind = InputKind.PARTS;
        texts = new ArrayList<>();
        parts = new ArrayList<>();
      }
      parts.add(part);
      return this;
    }

    /** Appends a text part. */
    public Builder addText(String text) {
      return addPart(ModerationPart.text(text));
    }

    /** Appends an image part given by URL or data URL. */
    public Builder addImageUrl(String url) {
      return addPart(ModerationPart.imageUrl(url));
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

    public ModerationRequest build() {
      return new ModerationRequest(this);
    }
  }
}
