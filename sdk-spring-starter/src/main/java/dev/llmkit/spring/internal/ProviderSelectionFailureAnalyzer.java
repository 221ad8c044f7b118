package dev.llmkit.spring.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a missing or wrong {@code llmkit.provider} setting, or a missing required property of the
 * chosen provider, with the property to set. Registered in {@code META-INF/spring.factories}.
 */
public final class ProviderSelectionFailureAnalyzer
    extends AbstractFailureAnalyzer<ProviderSelectionException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ProviderSelectionException cause) {
    return new FailureAnalysis(cause.description(), cause.action(), cause);
  }
}
