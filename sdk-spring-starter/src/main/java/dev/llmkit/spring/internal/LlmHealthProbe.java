package dev.llmkit.spring.internal;

import dev.llmkit.Capability;
import dev.llmkit.LlmApiException;
import dev.llmkit.LlmClient;
import dev.llmkit.model.Model;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@link LlmClient} by listing its models, independent of the Spring Boot version's
 * health API. For OpenAI that is one cheap request (no tokens), which proves reachability and that
 * the key is accepted; for the local provider it names the loaded model without I/O. A result is
 * reused for the cache TTL, so frequent health polls do not turn into API traffic, and a probe that
 * takes longer than the timeout counts as DOWN, so the health endpoint never hangs on a provider
 * that does not answer.
 */
public final class LlmHealthProbe {
  private static final int MAX_MODELS_SHOWN = 5;

  private final LlmClient client;
  private final Duration ttl;
  private final Duration timeout;
  private final Clock clock;
  private @Nullable Result cached;
  private @Nullable Instant cachedAt;

  public LlmHealthProbe(LlmClient client, Duration ttl, Duration timeout, Clock clock) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.ttl = Objects.requireNonNull(ttl, "ttl == null");
    this.timeout = Objects.requireNonNull(timeout, "timeout == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** The outcome of one probe: up or down, with details for the health endpoint. */
  public record Result(boolean up, Map<String, Object> details, @Nullable Throwable error) {
    public Result {
      details = Map.copyOf(details);
    }
  }

  /** Returns the cached result if younger than the TTL, else probes the provider. */
  public synchronized Result check() {
    Instant now = clock.instant();
    if (cached != null && cachedAt != null && now.isBefore(cachedAt.plus(ttl))) {
      return cached;
    }
    cached = probe();
    cachedAt = now;
    return cached;
  }

  private Result probe() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("provider", client.provider());
    if (!client.supports(Capability.MODELS)) {
      details.put("probe", "none: provider cannot list models");
      return new Result(true, details, null);
    }
    try {
      List<Model> models = listModels();
      details.put("models", models.size());
      details.put(
          "model",
          models.stream().limit(MAX_MODELS_SHOWN).map(Model::id).collect(Collectors.joining(", ")));
      return new Result(true, details, null);
    } catch (LlmApiException e) {
      details.put("statusCode", e.statusCode());
      e.errorCode().ifPresent(code -> details.put("errorCode", code));
      details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
      return new Result(false, details, e);
    } catch (TimeoutException e) {
      details.put("error", "no answer within " + timeout.toMillis() + " ms");
      return new Result(false, details, e);
    } catch (RuntimeException e) {
      details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
      return new Result(false, details, e);
    }
  }

  /**
   * Lists the models on a daemon thread and waits at most the timeout. A call that overruns is
   * interrupted and left to the client's own timeouts; it does not hold up the health endpoint.
   */
  private List<Model> listModels() throws TimeoutException {
    FutureTask<List<Model>> task = new FutureTask<>(() -> client.models().list());
    Thread thread = new Thread(task, "llmkit-health-probe");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw e;
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while probing " + client.provider(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }
}
