package dev.llmkit.openai.internal.http;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J loggers of this module. Without an SLF4J backend on the class path they are silent, as
 * SLF4J's own fallback is, but without the "No SLF4J providers were found" lines SLF4J would print
 * on stderr of an application that chose no logging: llmkit logs only when the application has a
 * backend (logback-classic, slf4j-simple, log4j-slf4j2-impl, …).
 */
final class Logs {
  private static final boolean BACKEND = hasBackend();

  private Logs() {}

  /** The logger {@code name}, or a silent one without a backend. */
  static Logger get(String name) {
    return BACKEND ? LoggerFactory.getLogger(name) : NOPLogger.NOP_LOGGER;
  }

  /** Whether SLF4J would find a provider: one is named explicitly or one is registered. */
  private static boolean hasBackend() {
    if (System.getProperty("slf4j.provider") != null) {
      return true;
    }
    try {
      ClassLoader loader = LoggerFactory.class.getClassLoader();
      return ServiceLoader.load(SLF4JServiceProvider.class, loader).iterator().hasNext();
    } catch (ServiceConfigurationError e) {
      return true; // a broken provider: let SLF4J report it
    }
  }
}
