package dev.llmkit.spring.internal;

import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The "llmkit" health indicator for Spring Boot 4 ({@code org.springframework.boot.health}, the
 * package Boot 4 moved the health API to).
 */
public final class Boot4LlmHealthIndicator implements HealthIndicator {
  private final LlmHealthProbe probe;

  public Boot4LlmHealthIndicator(LlmHealthProbe probe) {
    this.probe = Objects.requireNonNull(probe, "probe == null");
  }

  @Override
  public Health health() {
    LlmHealthProbe.Result result = probe.check();
    return (result.up() ? Health.up() : Health.down()).withDetails(result.details()).build();
  }
}
