/**
 * Spring Boot auto-configuration for llmkit (module sdk-spring-starter): an {@link
 * dev.llmkit.LlmClient} chosen by {@code llmkit.provider}, one bean per capability it offers,
 * builder customizers, and optional actuator health and Micrometer metrics. Works on Spring Boot
 * 3.5 and 4.0.
 *
 * <p>Map of the module: this package holds the auto-configurations and the {@code llmkit.*}
 * properties; {@code spring.internal} (not API) the provider selection, capability beans, failure
 * analyzers, unknown-key warnings and health indicators; {@code spring.internal.metrics} the
 * metered service wrappers.
 */
@NullMarked
package dev.llmkit.spring;

import org.jspecify.annotations.NullMarked;
