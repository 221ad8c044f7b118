/**
 * The provider SPI: implement {@link dev.llmkit.spi.LlmProvider} and register it with {@link
 * java.util.ServiceLoader}.
 */
@NullMarked
package dev.llmkit.spi;

import org.jspecify.annotations.NullMarked;
