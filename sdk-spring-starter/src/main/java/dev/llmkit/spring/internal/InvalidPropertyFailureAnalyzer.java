package dev.llmkit.spring.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports an {@code llmkit.*} property with an unusable value, naming the property and what to set.
 * Ordered before Spring Boot's generic bind-failure analyzer, which would otherwise answer with
 * "Update your application's configuration". Registered in {@code META-INF/spring.factories}.
 */
public final class InvalidPropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidPropertyException> implements Ordered {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidPropertyException cause) {
    return new FailureAnalysis(cause.description(), cause.action(), cause);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
