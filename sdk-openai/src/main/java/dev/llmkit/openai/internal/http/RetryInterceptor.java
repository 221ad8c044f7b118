package dev.llmkit.openai.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Retries a call on connection failures and on 408, 409, 429 and 5xx responses, at most {@code
 * maxRetries} times. The wait is the server's {@code retry-after-ms} / {@code retry-after} when it
 * is between 0 and 60 s, else exponential backoff: 0.5 s · 2^attempt, capped at 8 s, minus up to 25
 * % jitter. OpenAI's {@code x-should-retry: true|false} header overrides the status rule.
 *
 * <p>Requests with a one-shot body (an upload streamed from an {@code InputStream}) are never
 * retried: the body cannot be sent twice.
 *
 * <p>As an application interceptor this runs before a response body is read, so it retries a stream
 * only until its response headers arrived; {@link #awaitStreamRetry} covers the gap up to the first
 * event. A stream is never retried after its first chunk.
 */
public final class RetryInterceptor implements Interceptor {
  private static final Logger LOG = Logs.get(RetryInterceptor.class.getName());
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final int maxRetries;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;

  public RetryInterceptor(int maxRetries, Sleeper sleeper, Clock clock, DoubleSupplier random) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries is " + maxRetries + "; it must be >= 0");
    }
    this.maxRetries = maxRetries;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    // A one-shot body (an upload streamed from an InputStream) cannot be sent twice.
    int retries = request.body() != null && request.body().isOneShot() ? 0 : maxRetries;
    for (int attempt = 0; ; attempt++) {
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (attempt >= retries || chain.call().isCanceled()) {
          throw e;
        }
        Duration wait = backoff(attempt);
        LOG.debug(
            "{} {} failed ({}); retry {} in {} ms",
            request.method(),
            Secrets.safeUrl(request.url()),
            e.toString(),
            attempt + 1,
            wait.toMillis());
        pause(chain, wait);
        continue;
      }
      if (attempt >= retries || !shouldRetry(response)) {
        return response;
      }
      Duration wait = waitFor(response, attempt);
      LOG.debug(
          "{} {} answered {}; retry {} in {} ms",
          request.method(),
          Secrets.safeUrl(request.url()),
          response.code(),
          attempt + 1,
          wait.toMillis());
      response.close();
      pause(chain, wait);
    }
  }

  /**
   * Waits before reopening a stream whose response started but which failed or ended before its
   * first event (the interceptor cannot see that: it returns once the headers arrived). Returns
   * false, without waiting, when {@code attempt} has used up {@code maxRetries}.
   */
  public boolean awaitStreamRetry(int attempt) {
    if (attempt >= maxRetries) {
      return false;
    }
    Duration wait = backoff(attempt);
    LOG.debug(
        "stream failed before its first event; retry {} in {} ms", attempt + 1, wait.toMillis());
    try {
      sleeper.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static boolean shouldRetry(Response response) {
    String hint = response.header("x-should-retry");
    if ("true".equalsIgnoreCase(hint)) {
      return true;
    }
    if ("false".equalsIgnoreCase(hint)) {
      return false;
    }
    int code = response.code();
    return code == 408 || code == 409 || code == 429 || code >= 500;
  }

  private Duration waitFor(Response response, int attempt) {
    @Nullable Duration asked = RetryAfter.parse(response.headers(), clock);
    if (asked != null && asked.compareTo(MAX_RETRY_AFTER) <= 0) {
      return asked;
    }
    return backoff(attempt);
  }

  /** 0.5 s · 2^attempt capped at 8 s, times a jitter factor in (0.75, 1]. */
  Duration backoff(int attempt) {
    double seconds =
        Math.min(
            INITIAL_BACKOFF.toMillis() / 1000.0 * Math.pow(2, Math.min(attempt, 30)),
            MAX_BACKOFF.toMillis() / 1000.0);
    double jitter = 1 - 0.25 * random.getAsDouble();
    return Duration.ofMillis(Math.round(seconds * jitter * 1000));
  }

  private void pause(Chain chain, Duration wait) throws IOException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
    if (chain.call().isCanceled()) {
      throw new IOException("Canceled");
    }
  }
}
