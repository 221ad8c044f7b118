package dev.llmkit.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.chat.ChatService;
import dev.llmkit.spring.CapabilityInjectionFailureTest;
import dev.llmkit.spring.StarterTesting;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;

/**
 * On Spring Boot 4, an application that injects {@link ChatService} gets llmkit's failure report
 * for every misconfiguration (issue 14), in a context runner and in a real start; the cases are the
 * Boot 3.5 test's.
 */
@ExtendWith(OutputCaptureExtension.class)
class Boot4CapabilityInjectionFailureTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.llmkit.spring.CapabilityInjectionFailureTest#misconfigurations")
  void contextRunnerReportsTheProperty(
      String name, List<String> properties, String description, String action) {
    StarterTesting.runner()
        .withUserConfiguration(CapabilityInjectionFailureTest.Assistant.class)
        .withPropertyValues(properties.toArray(String[]::new))
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = CapabilityInjectionFailureTest.analyze(context);

              assertThat(analysis.getDescription()).startsWith(description);
              assertThat(analysis.getAction()).contains(action);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.llmkit.spring.CapabilityInjectionFailureTest#misconfigurations")
  void springApplicationPrintsTheReport(
      String name,
      List<String> properties,
      String description,
      String action,
      CapturedOutput output) {
    SpringApplication application = new SpringApplication(AssistantApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    application.setEnvironment(environment);
    application.setDefaultProperties(
        properties.stream()
            .map(p -> p.split("=", 2))
            .collect(Collectors.toMap(p -> p[0], p -> (Object) p[1])));

    assertThatThrownBy(application::run).isNotNull();

    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(description)
        .contains(action)
        .doesNotContain("could not be found");
  }

  /** An application bean that needs the chat service, as the README's example does. */
  static class Assistant {
    Assistant(ChatService chat) {
      Objects.requireNonNull(chat);
    }
  }

  @EnableAutoConfiguration
  @Import(Assistant.class)
  static class AssistantApplication {}
}
