package dev.llmkit.spring.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Reports an {@code llmkit.*} value that cannot be converted to its property's type, e.g. {@code
 * llmkit.local.threads=abc}, with the property, the value and the expected form. Failures of other
 * properties are left to Spring Boot. Registered in {@code META-INF/spring.factories}.
 */
public final class LlmkitBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException>
    implements Ordered {

  @Override
  protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
    ConfigurationProperty property = cause.getProperty();
    if (property == null || !property.getName().toString().startsWith("llmkit.")) {
      return null;
    }
    String name = property.getName().toString();
    Class<?> type = cause.getTarget().getType().resolve(Object.class);
    return new FailureAnalysis(
        name + " is '" + property.getValue() + "', which is not " + expected(type) + ".",
        "Set " + name + " to " + expected(type) + ", or remove it to use the default.",
        cause);
  }

  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number such as 0.7";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration such as 30s, 2m or PT10M";
    }
    if (type == DataSize.class) {
      return "a size such as 512MB";
    }
    if (type == Path.class) {
      return "a file system path";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    return "a valid " + type.getSimpleName();
  }

  /** After {@link InvalidPropertyFailureAnalyzer}, before Spring Boot's analyzers. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 1;
  }
}
