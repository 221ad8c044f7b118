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
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@link LlmClient} by listing its models, independent of the Spring Boot version's
 * health API. For OpenAI that is one cheap request (no tokens), which proves reachability and
 * that the key is accepted; for the local provider it names the loaded model without I/O. A
 * result is reused for the cache TTL, so frequent health polls do not turn into API traffic.
 */
public final class LlmHealthProbe {
  private static final int MAX_MODELS_SHOWN = 5;

  private final LlmClient client;
  private final Duration ttl;
  private final Clock clock;
  private @Nullable Result cached;
  private @Nullable Instant cachedAt;

  public LlmHealthProbe(LlmClient client, Duration ttl, Clock clock) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.ttl = Objects.requireNonNull(ttl, "ttl == null");
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
      List<Model> models = client.models().list();
      details.put("models", models.size());
      details.put("model", models.stream().limit(MAX_MODELS_SHOWN).map(Model::id)
          .collect(Collectors.joining(", ")));
      return new Result(true, details, null);
    } catch (LlmApiException e) {
      details.put("statusCode", e.statusCode());
      e.errorCode().ifPresent(code -> details.put("errorCode", code));
      details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
      return new Result(false, details, e);
    } catch (RuntimeException e) {
      details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
      return new Result(false, details, e);
    }
  }
}
