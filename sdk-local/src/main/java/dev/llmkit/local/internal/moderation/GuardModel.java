package dev.llmkit.local.internal.moderation;

import dev.llmkit.LlmApiException;
import dev.llmkit.local.internal.engine.ModelInfo;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.model.LlamaState;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tokenizer.TokenDecoder;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import java.nio.file.Path;

/**
 * A guard model (Llama Guard 3 style) run greedily by the local forward pass: the text is wrapped
 * in {@link GuardPrompt}, at most {@value #MAX_NEW_TOKENS} tokens are generated, and the
 * probability of the unsafe verdict is read at the first generated position whose greedy token is
 * not whitespace (the verdict's first token). Thread-safe: each call has its own KV cache.
 */
public final class GuardModel implements AutoCloseable {
  static final int MAX_NEW_TOKENS = 16;

  private final String id;
  private final GgufFile file;
  private final ComputePool pool;
  private final Llama llama;
  private final Tokenizer tokenizer;
  private final int unsafeId;
  private final int contextLimit;

  /** What one classification produced. */
  public record Output(String text, double unsafeProbability, int promptTokens) {}

  private GuardModel(GgufFile file, ComputePool pool, int contextLimit) {
    this.id = ModelInfo.idOf(file.path());
    this.file = file;
    this.pool = pool;
    this.llama = Llama.load(file, 0, pool);
    this.tokenizer = Tokenizer.fromMetadata(file.metadata());
    this.unsafeId = tokenizer.encode("unsafe", false, false)[0];
    this.contextLimit = contextLimit > 0 ? contextLimit : llama.config().modelContextLength();
  }

  /**
   * Maps the guard model at {@code path}.
   *
   * @throws dev.llmkit.ModelLoadException if it is not a supported GGUF model
   */
  public static GuardModel load(Path path, int threads) {
    return load(path, threads, 0);
  }

  /**
   * Like {@link #load(Path, int)} with a prompt limit other than the model's trained context length
   * (0 keeps it); tests use it to run tiny models past their short context.
   */
  public static GuardModel load(Path path, int threads, int contextLimit) {
    GgufFile file = GgufFile.open(path);
    ComputePool pool = null;
    try {
      pool = new ComputePool(threads);
      return new GuardModel(file, pool, contextLimit);
    } catch (RuntimeException | Error e) {
      if (pool != null) {
        pool.close();
      }
      file.close();
      throw e;
    }
  }

  public String id() {
    return id;
  }

  /** Classifies {@code userMessage}: the generated verdict text and the unsafe probability. */
  public Output classify(String userMessage) {
    // special-token text in the message stays plain: it must not end the user turn early
    int[] prompt = tokenizer.encodeQuoted(GuardPrompt.render(tokenizer.quote(userMessage)), true);
    int max = contextLimit;
    if (prompt.length + MAX_NEW_TOKENS > max) {
      throw LlmApiException.builder("local", 400)
          .errorType("invalid_request_error")
          .errorCode("context_length_exceeded")
          .param("input")
          .message(
              "the moderation prompt has "
                  + prompt.length
                  + " tokens; guard model "
                  + id
                  + " takes at most "
                  + (max - MAX_NEW_TOKENS)
                  + " with room for its verdict; shorten the input")
          .build();
    }
    LlamaState state = llama.newState(prompt.length + MAX_NEW_TOKENS);
    float[] logits = llama.forward(state, prompt, 0);
    TokenDecoder decoder = tokenizer.newDecoder(false);
    StringBuilder text = new StringBuilder();
    double unsafe = -1;
    double first = probability(logits, unsafeId);
    for (int i = 0; i < MAX_NEW_TOKENS; i++) {
      int next = argmax(logits);
      if (unsafe < 0 && !tokenizer.decode(new int[] {next}).isBlank()) {
        unsafe = probability(logits, unsafeId);
      }
      if (tokenizer.isEndOfGeneration(next)) {
        break;
      }
      text.append(decoder.accept(next));
      if (i + 1 < MAX_NEW_TOKENS) {
        logits = llama.forward(state, new int[] {next}, prompt.length + i);
      }
    }
    text.append(decoder.flush());
    return new Output(text.toString(), unsafe < 0 ? first : unsafe, prompt.length);
  }

  private static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Softmax probability of {@code id}, computed in double. */
  static double probability(float[] logits, int id) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (float l : logits) {
      sum += Math.exp(l - max);
    }
    return Math.exp(logits[id] - max) / sum;
  }

  @Override
  public void close() {
    pool.close();
    file.close();
  }

  @Override
  public String toString() {
    return "GuardModel[" + id + "]";
  }
}
