package dev.llmkit.local.internal.engine;

import dev.llmkit.local.internal.grammar.GrammarConstraint;
import dev.llmkit.local.internal.sampling.SampledToken;
import dev.llmkit.local.internal.sampling.Sampler;
import dev.llmkit.local.internal.sampling.TokenFilter;
import dev.llmkit.local.internal.tokenizer.TokenDecoder;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import org.jspecify.annotations.Nullable;

/**
 * One request being generated: its choices one after another, one token per {@link #next()}. Each
 * choice has its own sampler, text decoder, stop matcher and grammar constraint. While the
 * constraint is active, stop strings are not matched: they cannot cut a JSON value. The session has
 * one KV cache ({@link ModelRunner.Sequence}): the prompt is processed once, as one batch, and each
 * further choice rewinds the cache to the end of the prompt.
 *
 * <p>A choice ends with "stop" on an end-of-generation token (not part of the output), a stop
 * string, or output completed under a grammar constraint; with "length" at {@code maxTokens}, when
 * the KV cache is full, or at the first token generated after the session's deadline (as
 * llama.cpp's {@code t_max_predict_ms} does); a deadline that passes while a long prompt is being
 * processed stops it at the next slice, and every choice ends with "length" and no output. Not
 * thread-safe: drive it from one thread at a time.
 */
public final class Session implements AutoCloseable {
  private final ModelRunner model;
  private final Tokenizer tokenizer;
  private final GenerationSpec spec;
  private final int capacity;
  private int choice;
  private @Nullable Choice current;

  /** One KV cache for all choices: the prompt is processed once and later choices rewind to it. */
  private ModelRunner.@Nullable Sequence sequence;

  private float @Nullable [] promptLogits;

  /** Whether the deadline stopped prompt processing: every choice then ends at once. */
  private boolean promptCut;

  private int completionTokens;
  private boolean done;

  /** {@link System#nanoTime()} after which every choice ends at its next token; 0: none. */
  private final long deadline;

  /**
   * {@code capacity}: the most KV cache positions a choice may use; the prompt must leave room for
   * one token. Each choice allocates {@code min(capacity, prompt + maxTokens)} positions.
   */
  public Session(ModelRunner model, Tokenizer tokenizer, GenerationSpec spec, int capacity) {
    this(model, tokenizer, spec, capacity, 0);
  }

  /**
   * {@link #Session(ModelRunner, Tokenizer, GenerationSpec, int)} ending each choice with "length"
   * at its first token generated after {@code maxNanos} from now; {@code maxNanos} 0 means no
   * limit.
   */
  public Session(
      ModelRunner model, Tokenizer tokenizer, GenerationSpec spec, int capacity, long maxNanos) {
    if (spec.prompt().length == 0) {
      throw new IllegalArgumentException("the prompt has no tokens");
    }
    if (spec.prompt().length >= capacity) {
      throw new IllegalArgumentException(
          "prompt of " + spec.prompt().length + " tokens does not fit a context of " + capacity);
    }
    this.model = model;
    this.tokenizer = tokenizer;
    this.spec = spec;
    // Only as many positions as this request can use: short requests get small KV caches.
    this.capacity = (int) Math.min(capacity, (long) spec.prompt().length + spec.maxTokens());
    this.deadline = maxNanos <= 0 ? 0 : (System.nanoTime() + maxNanos) | 1; // never 0
  }

  private boolean pastDeadline() {
    return deadline != 0 && System.nanoTime() - deadline > 0;
  }

  public boolean isDone() {
    return done;
  }

  public int promptTokens() {
    return spec.prompt().length;
  }

  /** Tokens generated so far over all choices, end-of-generation tokens excluded. */
  public int completionTokens() {
    return completionTokens;
  }

  /** Generates the next token of the current choice. */
  public Step next() {
    if (done) {
      throw new IllegalStateException("session is done");
    }
    Choice c = current;
    if (c == null) {
      c = current = new Choice(choice);
    }
    Step step = c.next();
    if (step.isLast()) {
      current = null;
      done = ++choice == spec.choices();
      if (done) {
        close();
      }
    }
    return step;
  }

  @Override
  public void close() {
    current = null;
    done = true;
    ModelRunner.Sequence s = sequence;
    sequence = null;
    if (s != null) {
      s.close();
    }
  }

  /**
   * The logits after the prompt: computed by the first choice, reused (rewound) by the others; null
   * when the deadline passed before the whole prompt was processed (it is checked between the
   * slices of a long prompt).
   */
  private float @Nullable [] promptLogits() {
    if (promptCut) {
      return null;
    }
    if (sequence == null) {
      sequence = model.newSequence(capacity, spec.adapter());
    }
    if (promptLogits == null) {
      float[] logits = sequence.feed(spec.prompt(), this::pastDeadline);
      if (logits == null) {
        promptCut = true;
        return null;
      }
      promptLogits = spec.choices() > 1 ? logits.clone() : logits;
      return logits;
    }
    sequence.rewind(spec.prompt().length);
    return promptLogits;
  }

  /** The state of one choice. */
  private final class Choice {
    private final int index;
    private final Sampler sampler;
    private final TokenDecoder decoder;
    private final StopMatcher stops;
    private final @Nullable GrammarConstraint json;
    private int generated;
    private int last = -1;

    Choice(int index) {
      this.index = index;
      long seed = spec.sampling().seed() + index;
      this.sampler = new Sampler(spec.sampling().toBuilder().seed(seed).build(), model.vocabSize());
      this.decoder = tokenizer.newDecoder(false);
      this.stops = new StopMatcher(spec.stop());
      ConstraintSpec c = spec.constraint();
      this.json =
          c == null
              ? null
              : new GrammarConstraint(
                  c.masks(), tokenizer::isEndOfGeneration, c.trigger(), c.triggerAtStart());
    }

    Step next() {
      float[] logits;
      if (last < 0) {
        sampler.acceptPrompt(spec.prompt());
        float[] prompt = promptLogits();
        if (prompt == null) { // the time limit ran out within the prompt: no output
          return step("", null, new byte[0], "length");
        }
        logits = prompt;
      } else {
        logits = sequence().feed(new int[] {last});
      }
      SampledToken token;
      try {
        token = sampler.sample(logits, jsonFilter());
      } catch (IllegalStateException e) { // no token lets the output close in time: go on
        token = sampler.sample(logits, json);
      }
      sampler.accept(token.id());
      last = token.id();
      boolean wasActive = json != null && json.isActive();
      if (json != null) {
        json.accept(token.id());
      }
      if (!spec.ignoreEos() && tokenizer.isEndOfGeneration(token.id())) {
        return step(finalText(), null, new byte[0], "stop");
      }
      generated++;
      completionTokens++;
      ConstraintSpec c = spec.constraint();
      boolean shown = c != null && c.shows(token.id());
      byte[] bytes = tokenizer.pieceBytes(token.id(), shown);
      String raw = shown ? decoder.acceptShown(token.id()) : decoder.accept(token.id());
      String text;
      if (wasActive) {
        text = raw;
      } else if (json != null && json.isActive()) { // constrained from here: no stop strings
        text = stops.flush() + raw;
      } else {
        text = stops.feed(raw);
      }
      String finish = null;
      if (stops.stopped()) {
        finish = "stop";
      } else if (json != null && json.isComplete()) {
        text += finalText();
        finish = "stop";
      } else if (generated >= spec.maxTokens()
          || sequence().position() >= capacity
          || pastDeadline()) {
        text += finalText();
        finish = "length";
      }
      return step(text, token, bytes, finish);
    }

    private ModelRunner.Sequence sequence() {
      ModelRunner.Sequence s = sequence;
      if (s == null) {
        throw new IllegalStateException("session is closed");
      }
      return s;
    }

    /** In JSON mode, the constraint, aware of how many tokens may still follow. */
    private @Nullable TokenFilter jsonFilter() {
      if (json == null) {
        return null;
      }
      return json.within(Math.min(spec.maxTokens() - generated, capacity - sequence().position()));
    }

    private Step step(
        String text, @Nullable SampledToken token, byte[] bytes, @Nullable String finish) {
      return new Step(index, text, token, bytes, finish, spec.prompt().length, completionTokens);
    }

    /** Text held back by the decoder and the stop matcher, at the end of the choice. */
    private String finalText() {
      if (json != null && json.isActive()) {
        return decoder.flush();
      }
      String text = stops.feed(decoder.flush());
      return text + stops.flush();
    }
  }
}
