package dev.llmkit.spring.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Matches when {@link ProviderSelection} chooses the provider {@link #value()}. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnLlmProviderCondition.class)
public @interface ConditionalOnLlmProvider {
  /** The provider id: {@code openai} or {@code local}. */
  String value();
}
