package dev.llmkit.spring.internal;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless the llmkit health indicator is switched off: {@code
 * management.health.llmkit.enabled}, else {@code management.health.defaults.enabled}, else on. The
 * same rule as Boot's own {@code @ConditionalOnEnabledHealthIndicator}, whose package differs
 * between Boot 3 and 4.
 */
public final class OnLlmHealthEnabledCondition extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata md) {
    Environment env = context.getEnvironment();
    Boolean own = env.getProperty("management.health.llmkit.enabled", Boolean.class);
    if (own != null) {
      return new ConditionOutcome(own, "management.health.llmkit.enabled is " + own);
    }
    boolean defaults = env.getProperty("management.health.defaults.enabled", Boolean.class, true);
    return new ConditionOutcome(defaults, "management.health.defaults.enabled is " + defaults);
  }
}
