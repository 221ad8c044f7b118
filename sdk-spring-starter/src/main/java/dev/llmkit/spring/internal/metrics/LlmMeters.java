package dev.llmkit.spring.internal.metrics;

import dev.llmkit.Capability;
import dev.llmkit.common.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Records llmkit's meters:
 *
 * <ul>
 *   <li>{@code llmkit.requests} (timer): every call, tags {@code capability}, {@code model}, {@code
 *       provider}, {@code outcome} = success | error | cancelled. For streams it spans subscription
 *       to completion.
 *   <li>{@code llmkit.tokens} (counter): tokens from the response's usage, tag {@code type} = input
 *       | output plus capability, model, provider. Streams ask for usage themselves (see {@link
 *       MeteredChatService}).
 *   <li>{@code llmkit.stream.first-token} (timer): subscription to first chunk of a stream.
 *   <li>{@code llmkit.errors} (counter): failed calls, tag {@code type} = the exception's simple
 *       class name plus capability, model, provider.
 * </ul>
 *
 * <p>The {@code model} tag names the model that answered (the response's or chunk's model, e.g. the
 * local model's name); calls that fail before an answer carry the requested model.
 */
public final class LlmMeters {
  public static final String REQUESTS = "llmkit.requests";
  public static final String TOKENS = "llmkit.tokens";
  public static final String FIRST_TOKEN = "llmkit.stream.first-token";
  public static final String ERRORS = "llmkit.errors";
  static final String NO_MODEL = "none";
  static final String TOKENS_DESCRIPTION =
      "Tokens the model processed, by type: input (the" + " prompt) or output (the completion)";

  private final MeterRegistry registry;
  private final String provider;

  public LlmMeters(MeterRegistry registry, String provider) {
    this.registry = Objects.requireNonNull(registry, "registry == null");
    this.provider = Objects.requireNonNull(provider, "provider == null");
  }

  /** Times a blocking call. */
  <T> T call(Capability capability, @Nullable String model, Supplier<T> call, Answer<T> answer) {
    long start = System.nanoTime();
    T result;
    try {
      result = call.get();
    } catch (RuntimeException | Error e) {
      finish(capability, model, start, "error", e);
      throw e;
    }
    String ran = answer.model(result, model);
    answer.usage().apply(result).ifPresent(u -> tokens(capability, ran, u));
    finish(capability, ran, start, "success", null);
    return result;
  }

  /** Times each subscription of {@code source}. */
  <T> Single<T> single(
      Capability capability, @Nullable String model, Single<T> source, Answer<T> answer) {
    return Single.defer(
        () -> {
          long start = System.nanoTime();
          AtomicBoolean done = new AtomicBoolean();
          return source
              .doOnSuccess(
                  result -> {
                    if (done.compareAndSet(false, true)) {
                      String ran = answer.model(result, model);
                      answer.usage().apply(result).ifPresent(u -> tokens(capability, ran, u));
                      finish(capability, ran, start, "success", null);
                    }
                  })
              .doOnError(
                  e -> {
                    if (done.compareAndSet(false, true)) {
                      finish(capability, model, start, "error", e);
                    }
                  })
              .doOnDispose(
                  () -> {
                    if (done.compareAndSet(false, true)) {
                      finish(capability, model, start, "cancelled", null);
                    }
                  });
        });
  }

  /**
   * Times each subscription of {@code source} and its first item. Usage is taken from the last item
   * that carries one (OpenAI sends it on the final chunk) when the stream completes. The operators
   * only observe: backpressure, threads and cancellation pass through unchanged.
   */
  <T> Flowable<T> stream(
      Capability capability,
      @Nullable String model,
      Flowable<T> source,
      Answer<T> answer,
      boolean timeFirstItem) {
    return Flowable.defer(
        () -> {
          long start = System.nanoTime();
          AtomicBoolean first = new AtomicBoolean();
          AtomicBoolean done = new AtomicBoolean();
          AtomicReference<Usage> lastUsage = new AtomicReference<>();
          AtomicReference<@Nullable String> ran = new AtomicReference<>(model);
          return source
              .doOnNext(
                  item -> {
                    ran.set(answer.model(item, ran.get()));
                    if (timeFirstItem && first.compareAndSet(false, true)) {
                      Timer.builder(FIRST_TOKEN)
                          .tags(tags(capability, ran.get()))
                          .description("Time from subscribing to a stream until its first chunk")
                          .register(registry)
                          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    }
                    answer.usage().apply(item).ifPresent(lastUsage::set);
                  })
              .doOnComplete(
                  () -> {
                    if (done.compareAndSet(false, true)) {
                      Usage u = lastUsage.get();
                      if (u != null) {
                        tokens(capability, ran.get(), u);
                      }
                      finish(capability, ran.get(), start, "success", null);
                    }
                  })
              .doOnError(
                  e -> {
                    if (done.compareAndSet(false, true)) {
                      finish(capability, ran.get(), start, "error", e);
                    }
                  })
              .doOnCancel(
                  () -> {
                    if (done.compareAndSet(false, true)) {
                      finish(capability, ran.get(), start, "cancelled", null);
                    }
                  });
        });
  }

  /**
   * How to read an answer (a response or a chunk): its usage, and the model that produced it.
   *
   * @param usage the answer's token usage, if it carries one
   * @param model the answer's model; blank when it names none
   */
  record Answer<T>(Function<T, Optional<Usage>> usage, Function<T, @Nullable String> model) {
    /** {@code item}'s model, or {@code fallback} when it names none. */
    @Nullable String model(T item, @Nullable String fallback) {
      String name = model.apply(item);
      return name == null || name.isBlank() ? fallback : name;
    }
  }

  private void tokens(Capability capability, @Nullable String model, Usage usage) {
    Tags tags = tags(capability, model);
    counter(TOKENS, tags.and("type", "input"), TOKENS_DESCRIPTION).increment(usage.promptTokens());
    counter(TOKENS, tags.and("type", "output"), TOKENS_DESCRIPTION)
        .increment(usage.completionTokens());
  }

  private void finish(
      Capability capability,
      @Nullable String model,
      long start,
      String outcome,
      @Nullable Throwable error) {
    Tags tags = tags(capability, model);
    Timer.builder(REQUESTS)
        .tags(tags.and("outcome", outcome))
        .description("llmkit calls, by capability, model, provider and outcome")
        .register(registry)
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    if (error != null) {
      counter(
              ERRORS,
              tags.and("type", error.getClass().getSimpleName()),
              "Failed llmkit calls, by exception type")
          .increment();
    }
  }

  private Counter counter(String name, Tags tags, String description) {
    return Counter.builder(name).tags(tags).description(description).register(registry);
  }

  private Tags tags(Capability capability, @Nullable String model) {
    return Tags.of(
        "capability",
        capability.id(),
        "model",
        model == null ? NO_MODEL : model,
        "provider",
        provider);
  }
}
