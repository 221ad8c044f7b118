package dev.llmkit.spring.internal;

import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The "llmkit" health indicator for Spring Boot 3 ({@code org.springframework.boot.actuate}). */
public final class Boot3LlmHealthIndicator implements HealthIndicator {
  private final LlmHealthProbe probe;

  public Boot3LlmHealthIndicator(LlmHealthProbe probe) {
    this.probe = Objects.requireNonNull(probe, "probe == null");
  }

  @Override
  public Health health() {
    LlmHealthProbe.Result result = probe.check();
    return (result.up() ? Health.up() : Health.down()).withDetails(result.details()).build();
  }
}
