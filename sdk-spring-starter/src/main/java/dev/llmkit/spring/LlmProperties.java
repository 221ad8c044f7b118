package dev.llmkit.spring;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by all providers.
 *
 * @param provider Which provider creates the LlmClient: openai or local. Optional when exactly one
 *     provider is configured (llmkit.openai.api-key or llmkit.local.model set).
 * @param health Settings of the "llmkit" actuator health indicator.
 * @param metrics Settings of the Micrometer meters around the capability services.
 */
@ConfigurationProperties(LlmProperties.PREFIX)
public record LlmProperties(
    @Nullable String provider, @DefaultValue Health health, @DefaultValue Metrics metrics) {

  /** The prefix of every llmkit property. */
  public static final String PREFIX = "llmkit";

  /**
   * Settings of the "llmkit" health indicator.
   *
   * @param cacheTtl How long a probe result is reused before the provider is asked again. The
   *     OpenAI probe lists models, which costs a request but no tokens.
   * @param timeout Longest wait for the probe; without an answer in time the indicator is DOWN.
   */
  public record Health(
      @DefaultValue("60s") Duration cacheTtl, @DefaultValue("10s") Duration timeout) {
    /** Rejects negative durations and a zero timeout, naming the property. */
    public Health {
      PropertyChecks.nonNegative(PREFIX + ".health.cache-ttl", cacheTtl);
      PropertyChecks.nonNegative(PREFIX + ".health.timeout", timeout);
      if (timeout.isZero()) {
        PropertyChecks.positive(PREFIX + ".health.timeout", "0s");
      }
    }
  }

  /**
   * Settings of the llmkit meters.
   *
   * @param enabled Whether the capability service beans are wrapped with meters when a
   *     MeterRegistry exists.
   */
  public record Metrics(@DefaultValue("true") boolean enabled) {}
}
