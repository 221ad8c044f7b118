/**
 * Spring Boot auto-configuration for llmkit: an {@link dev.llmkit.LlmClient} chosen by {@code
 * llmkit.provider}, one bean per capability it offers, builder customizers, and optional actuator
 * health and Micrometer metrics. Works on Spring Boot 3.5 and 4.0.
 */
@NullMarked
package dev.llmkit.spring;

import org.jspecify.annotations.NullMarked;
