package dev.llmkit.local.internal.engine;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmApiException;
import dev.llmkit.LlmException;
import dev.llmkit.LlmIoException;
import dev.llmkit.local.internal.template.ChatTemplate;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import io.reactivex.rxjava3.core.Emitter;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The loaded model plus everything needed to run requests on it: tokenizer, chat template, the
 * {@link RequestGate} that bounds concurrent requests, and the inference threads we own (one per
 * concurrent request; the forward pass itself may split work over more threads).
 *
 * <p>{@link #generate} returns a pull-driven stream: a token is computed only when the subscriber
 * requests a step, on an inference thread, and cancelling stops generation after at most the token
 * in progress.
 */
public final class Generator implements AutoCloseable {
  public static final String PROVIDER = "local";

  /** The fewest tokens a JSON-mode reply can have: "{" and "}". */
  public static final int JSON_MIN_TOKENS = 2;

  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  private final ModelRunner model;
  private final Tokenizer tokenizer;
  private final ChatTemplate template;
  private final ModelInfo info;
  private final RequestGate gate;
  private final ExecutorService executor;
  private final Scheduler scheduler;
  private final ConstraintCache constraints;
  private volatile boolean closed;
  private volatile long maxGenerationNanos;
  private final ModelFileWatch file;

  public Generator(
      ModelRunner model,
      Tokenizer tokenizer,
      ChatTemplate template,
      ModelInfo info,
      int maxConcurrentRequests) {
    this.file = new ModelFileWatch(info.file());
    this.model = model;
    this.tokenizer = tokenizer;
    this.template = template;
    this.info = info;
    this.gate = new RequestGate(maxConcurrentRequests);
    this.executor = Executors.newFixedThreadPool(maxConcurrentRequests, daemonThreads());
    this.scheduler = Schedulers.from(orInline(executor));
    this.constraints = new ConstraintCache(tokenizer);
  }

  /** Compiled grammars with their token masks for this model's vocabulary. */
  public ConstraintCache constraints() {
    return constraints;
  }

  /**
   * {@code executor}, or the calling thread once it has been shut down. Rx drops work the executor
   * rejects, so a stream subscribed before {@link #close} and asked for more afterwards would wait
   * forever; run inline, the step sees {@link #closed} and fails the stream instead (cheap: no
   * forward pass runs after close).
   */
  private static Executor orInline(ExecutorService executor) {
    return task -> {
      try {
        executor.execute(task);
      } catch (RejectedExecutionException e) {
        task.run();
      }
    };
  }

  private static ThreadFactory daemonThreads() {
    int pool = POOL_IDS.incrementAndGet();
    AtomicInteger ids = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "llmkit-local-inference-" + pool + "-" + ids.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public ModelInfo info() {
    return info;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  public ChatTemplate template() {
    return template;
  }

  /** KV cache positions per request: prompt plus output must fit. */
  public int contextSize() {
    return info.contextSize();
  }

  /**
   * Bounds each request's time from when it starts running (after waiting for a slot; prompt
   * processing included): each choice then ends with finish reason "length" at its next token.
   * {@code nanos} 0 means no bound.
   */
  public void maxGenerationTime(long nanos) {
    this.maxGenerationNanos = Math.max(0, nanos);
  }

  /** Forward calls made so far; lets tests check that cancelled streams stop computing. */
  public long forwardCalls() {
    return model.forwardCalls();
  }

  /** The scheduler whose threads run generation. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * Streams the steps of one request. {@code spec} is evaluated on the inference thread (so
   * tokenizing a long prompt does not block the caller) and may throw an {@link LlmException}.
   */
  public Flowable<Step> generate(Supplier<GenerationSpec> spec) {
    return generate(spec, "messages");
  }

  /** {@link #generate(Supplier)}; an over-long prompt's error names {@code promptParam}. */
  public Flowable<Step> generate(Supplier<GenerationSpec> spec, String promptParam) {
    Flowable<Step> work =
        Flowable.<Step, Session>generate(
            () -> open(spec.get(), promptParam),
            (session, emitter) -> {
              if (closed) {
                emitter.onError(closedError());
              } else if (session.isDone()) {
                emitter.onComplete();
              } else {
                step(session, emitter);
              }
            },
            Session::close);
    Flowable<Step> started =
        Flowable.defer(
            () -> closed ? Flowable.<Step>error(closedError()) : work.subscribeOn(scheduler));
    return gate.admit(started)
        .onErrorResumeNext(e -> Flowable.error(mapped(e)))
        .lift(new QuietAfterCancel<>()); // e.g. "closed" after a dispose: not undeliverable
  }

  /**
   * Emits the session's next step. Rx treats an {@link OutOfMemoryError} as fatal and rethrows it
   * on the inference thread, which would leave the subscriber (and every request queued behind its
   * slot) waiting forever; it is delivered as an {@link LlmException} instead.
   */
  private void step(Session session, Emitter<Step> emitter) {
    Step step;
    try {
      file.check(); // one stat per token: a file changed between tokens fails without a fault
      step = session.next();
    } catch (OutOfMemoryError e) {
      emitter.onError(
          new LlmException(
              PROVIDER,
              "the JVM ran out of heap while generating ("
                  + e.getMessage()
                  + "); lower llmkit.local.context-size or max-concurrent-requests,"
                  + " or raise -Xmx",
              e));
      return;
    } catch (InternalError e) { // SIGBUS on the mapped weights: Rx would kill the thread
      emitter.onError(file.faulted(e));
      return;
    }
    try {
      emitter.onNext(step);
    } catch (InternalError e) { // the JVM raises the fault a little after the read: maybe here
      emitter.onError(file.faulted(e));
    }
  }

  private Session open(GenerationSpec spec, String promptParam) {
    file.check(); // a replaced or truncated file would fault (SIGBUS) under the forward pass
    if (spec.prompt().length == 0) { // e.g. an empty text prompt for a model that adds no BOS
      throw InvalidRequestException.invalidParameter(
          PROVIDER,
          promptParam,
          "the "
              + promptParam
              + " gives no tokens (the model adds no"
              + " beginning-of-sequence token); give at least one token of text");
    }
    // JSON mode needs two tokens at least: one to open the object, one to close it.
    int output = spec.json() ? JSON_MIN_TOKENS : 1;
    if (spec.prompt().length + output > contextSize()) {
      throw LlmApiException.builder(PROVIDER, 400)
          .errorType("invalid_request_error")
          .errorCode("context_length_exceeded")
          .param(promptParam)
          .message(
              "the prompt has "
                  + spec.prompt().length
                  + " tokens but the context size is "
                  + contextSize()
                  + " tokens (prompt plus at least "
                  + (output == 1
                      ? "one generated token"
                      : output + " generated tokens in JSON mode")
                  + " must fit); shorten the prompt or raise llmkit.local.context-size (the model"
                  + " was trained for "
                  + info.trainedContextLength()
                  + ")")
          .build();
    }
    return new Session(model, tokenizer, spec, contextSize(), maxGenerationNanos);
  }

  /** The error of requests made to, or still waiting on, a closed client. */
  public static LlmIoException closedError() {
    return closedError(null);
  }

  /** {@link #closedError()} caused by what closing broke under a running request. */
  public static LlmIoException closedError(@Nullable Throwable cause) {
    return new LlmIoException(
        PROVIDER, "local client closed; build a new LocalClient to run more requests", cause);
  }

  /**
   * Errors as the subscriber sees them. Closing the client stops the compute threads under a token
   * in progress; what that throws (e.g. a CancellationException) means "client closed".
   */
  private Throwable mapped(Throwable e) {
    if (e instanceof LlmException || e instanceof Error) {
      return e;
    }
    if (closed) {
      return closedError(e);
    }
    return new LlmException(PROVIDER, "generation failed: " + e, e);
  }

  /**
   * Stops the inference threads and releases the model. Requests waiting for a slot fail with
   * {@link LlmIoException} now, running ones at their next requested token; the mapped weights are
   * freed once the garbage collector finds them unreachable (Java 17 has no explicit unmap).
   */
  @Override
  public void close() {
    closed = true;
    gate.close(closedError());
    executor.shutdown();
    model.close();
  }
}
