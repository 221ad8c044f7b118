package dev.llmkit.spring.internal;

import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnLlmProvider}. A selection failure does not match here;
 * {@code LlmAutoConfiguration} reports it when no client bean exists.
 */
final class OnLlmProviderCondition extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata md) {
    Map<String, Object> attributes =
        md.getAnnotationAttributes(ConditionalOnLlmProvider.class.getName());
    String wanted = (String) Objects.requireNonNull(attributes).get("value");
    try {
      String chosen = ProviderSelection.resolve(context.getEnvironment(), context.getClassLoader());
      return chosen.equals(wanted)
          ? ConditionOutcome.match("llmkit provider '" + chosen + "' is selected")
          : ConditionOutcome.noMatch(
              "llmkit provider '" + chosen + "' is selected, not '" + wanted + "'");
    } catch (ProviderSelectionException e) {
      return ConditionOutcome.noMatch(e.getMessage());
    }
  }
}
