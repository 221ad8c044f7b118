package dev.llmkit.local;

import dev.llmkit.local.internal.Args;
import java.util.Objects;

/**
 * How the local embedding service turns texts into tokens. Immutable; build with {@link #builder()}
 * and pass to {@link LocalClient.Builder#embeddingOptions}.
 *
 * <pre>{@code
 * LocalClient.builder().embeddingModel("all-MiniLM-L6-v2-f16.gguf")
 *     .embeddingOptions(LocalEmbeddingOptions.builder().maxTokens(256).build())
 *     .build();
 * }</pre>
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>builder method</th><th>{@code llmkit.local.*} key</th><th>default</th></tr>
 *   <tr><td>{@link Builder#maxTokens}</td><td>{@code embedding-max-tokens}</td><td>0: the model's
 *       own limit ({@code <arch>.context_length}, 512 for BERT models)</td></tr>
 *   <tr><td>{@link Builder#truncate}</td><td>{@code embedding-truncate}</td>
 *       <td>{@code true}</td></tr>
 *   <tr><td>{@link Builder#parseSpecialTokens}</td><td>{@code embedding-parse-special}</td>
 *       <td>{@code true}</td></tr>
 * </table>
 */
public final class LocalEmbeddingOptions {
  private static final LocalEmbeddingOptions DEFAULTS = builder().build();

  private final int maxTokens;
  private final boolean truncate;
  private final boolean parseSpecialTokens;

  private LocalEmbeddingOptions(Builder b) {
    this.maxTokens = b.maxTokens;
    this.truncate = b.truncate;
    this.parseSpecialTokens = b.parseSpecialTokens;
  }

  /** All defaults: the model's token limit, truncation on, special tokens parsed. */
  public static LocalEmbeddingOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The most tokens per text input (special tokens included); 0 means the model's limit. */
  public int maxTokens() {
    return maxTokens;
  }

  /** Whether longer texts are cut to {@link #maxTokens()} instead of being rejected. */
  public boolean truncate() {
    return truncate;
  }

  /** Whether literal special tokens in texts ({@code [CLS]}, {@code [MASK]} …) are special. */
  public boolean parseSpecialTokens() {
    return parseSpecialTokens;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocalEmbeddingOptions
        && ((LocalEmbeddingOptions) o).maxTokens == maxTokens
        && ((LocalEmbeddingOptions) o).truncate == truncate
        && ((LocalEmbeddingOptions) o).parseSpecialTokens == parseSpecialTokens;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxTokens, truncate, parseSpecialTokens);
  }

  @Override
  public String toString() {
    return "LocalEmbeddingOptions{maxTokens="
        + maxTokens
        + ", truncate="
        + truncate
        + ", parseSpecialTokens="
        + parseSpecialTokens
        + "}";
  }

  /** Builds {@link LocalEmbeddingOptions}. */
  public static final class Builder {
    private int maxTokens;
    private boolean truncate = true;
    private boolean parseSpecialTokens = true;

    private Builder() {}

    /**
     * The most tokens a text input may have, special tokens included (sentence-transformers uses
     * 256 for all-MiniLM-L6-v2). 0, the default, means the model's own limit; a value above it is
     * an error when the client is built.
     */
    public Builder maxTokens(int maxTokens) {
      Args.check(
          maxTokens == 0 || maxTokens >= 2,
          "maxTokens is " + maxTokens + "; use 0 (the model's limit) or at least 2");
      this.maxTokens = maxTokens;
      return this;
    }

    /**
     * Default {@code true}: a text with more tokens than {@link #maxTokens} keeps its first ones
     * (BERT: {@code [CLS]}, the first pieces, {@code [SEP]}), as sentence-transformers does. With
     * {@code false} such a request fails with a 400 {@code InvalidRequestException} on {@code
     * input}, as OpenAI does. Token-array inputs are never cut.
     */
    public Builder truncate(boolean truncate) {
      this.truncate = truncate;
      return this;
    }

    /**
     * Default {@code true}: the special tokens of a WordPiece (BERT) vocabulary written in a text,
     * {@code [CLS] [SEP] [MASK] [UNK] [PAD]}, become those tokens, as Hugging Face tokenizers do;
     * {@code false} tokenizes them as ordinary text. Decoder models always read them as text.
     */
    public Builder parseSpecialTokens(boolean parseSpecialTokens) {
      this.parseSpecialTokens = parseSpecialTokens;
      return this;
    }

    public LocalEmbeddingOptions build() {
      return new LocalEmbeddingOptions(this);
    }
  }
}
