package dev.llmkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.spi.LlmProvider;
import dev.llmkit.spi.ProviderConfig;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmTest {
  private final ClassLoader loader = LlmTest.class.getClassLoader();

  private static ProviderConfig configOf(LlmClient client) {
    return ((FakeProvider.Client) client).config;
  }

  @Test
  void systemPropertyWinsOverEnvironmentAndFile() {
    Map<String, String> sys = Map.of("llmkit.provider", "fake", "llmkit.fake.api-key", "from-sys");
    Map<String, String> env = Map.of("LLMKIT_PROVIDER", "spare", "LLMKIT_FAKE_API_KEY", "from-env");
    Map<String, String> file =
        Map.of("llmkit.provider", "spare", "llmkit.fake.api-key", "from-file");

    LlmClient client = Llm.fromSources(sys, env, file, loader);

    assertThat(client.provider()).isEqualTo("fake");
    assertThat(configOf(client).require("api-key")).isEqualTo("from-sys");
  }

  @Test
  void environmentWinsOverPropertiesFile() {
    Map<String, String> env =
        Map.of(
            "LLMKIT_PROVIDER",
            "fake",
            "LLMKIT_FAKE_API_KEY",
            "from-env",
            "LLMKIT_FAKE_BASE_URL",
            "http://env");
    Map<String, String> file =
        Map.of(
            "llmkit.provider",
            "spare",
            "llmkit.fake.api-key",
            "from-file",
            "llmkit.fake.timeout",
            "5s");

    LlmClient client = Llm.fromSources(Map.of(), env, file, loader);

    ProviderConfig config = configOf(client);
    assertThat(client.provider()).isEqualTo("fake");
    assertThat(config.asMap())
        .containsEntry("api-key", "from-env")
        .containsEntry("base-url", "http://env")
        .containsEntry("timeout", "5s");
  }

  @Test
  void propertiesFileAloneSelectsProvider() {
    Map<String, String> file = Map.of("llmkit.provider", "spare", "llmkit.spare.model", "m1");

    LlmClient client = Llm.fromSources(Map.of(), Map.of(), file, loader);

    assertThat(client.provider()).isEqualTo("spare");
    assertThat(configOf(client).asMap()).isEqualTo(Map.of("model", "m1"));
  }

  @Test
  void optionsOfOtherProvidersAreNotPassed() {
    Map<String, String> sys =
        Map.of("llmkit.provider", "spare", "llmkit.fake.api-key", "k", "llmkit.spare.model", "m");

    LlmClient client = Llm.fromSources(sys, Map.of(), Map.of(), loader);

    assertThat(configOf(client).asMap()).containsOnlyKeys("model");
  }

  @Test
  void providerEnvironmentFallbackIsReadFromInjectedEnvironment() {
    Map<String, String> env = Map.of("LLMKIT_PROVIDER", "fake", "FAKE_API_KEY", "fallback");

    LlmClient client = Llm.fromSources(Map.of(), env, Map.of(), loader);

    assertThat(configOf(client).string("api-key", "FAKE_API_KEY")).contains("fallback");
  }

  @Test
  void unknownProviderListsProvidersFound() {
    Map<String, String> settings = Map.of("llmkit.provider", "foo");

    assertThatThrownBy(() -> Llm.client(settings))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessage("no llmkit provider 'foo'; found: fake, spare");
  }

  @Test
  void missingProviderSettingWithTwoProvidersListsThemAndTheProperty() {
    assertThatThrownBy(() -> Llm.fromSources(Map.of(), Map.of(), Map.of(), loader))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessage(
            "no llmkit provider selected and 2 are on the classpath (fake, spare); set"
                + " the system property llmkit.provider or the environment variable LLMKIT_PROVIDER"
                + " (or llmkit.provider in llmkit.properties) to one of them")
        .satisfies(
            e -> {
              ProviderSelectionException selection = (ProviderSelectionException) e;
              assertThat(selection.providers()).containsExactly("fake", "spare");
              assertThat(selection.property()).isEqualTo("llmkit.provider");
            });
  }

  @Test
  void singleProviderOnTheClasspathIsUsedWithoutProviderSetting() throws IOException {
    ClassLoader onlySpare = withServices(List.of(FakeProvider.Spare.class.getName()));

    LlmClient client =
        Llm.fromSources(Map.of(), Map.of("LLMKIT_SPARE_MODEL", "m1"), Map.of(), onlySpare);

    assertThat(client.provider()).isEqualTo("spare");
    assertThat(configOf(client).asMap()).isEqualTo(Map.of("model", "m1"));
  }

  @Test
  void noProviderOnTheClasspathSaysWhichModuleToAdd() throws IOException {
    ClassLoader none = withServices(List.of());

    assertThatThrownBy(() -> Llm.fromSources(Map.of(), Map.of(), Map.of(), none))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessage(
            "no llmkit provider on the classpath: none (add dev.llmkit:sdk-openai or"
                + " dev.llmkit:sdk-local to the classpath)")
        .satisfies(e -> assertThat(((ProviderSelectionException) e).providers()).isEmpty());
  }

  /** This test class path, but with {@code providers} as the only registered LlmProviders. */
  private ClassLoader withServices(List<String> providers) throws IOException {
    String resource = "META-INF/services/" + LlmProvider.class.getName();
    Path file = Files.createTempFile("llmkit-providers", ".txt");
    file.toFile().deleteOnExit();
    Files.write(file, providers);
    URL url = file.toUri().toURL();
    return new ClassLoader(loader) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return name.equals(resource)
            ? Collections.enumeration(List.of(url))
            : super.getResources(name);
      }
    };
  }

  @Test
  void clientWithMapTakesProviderAndOptions() {
    Map<String, String> settings =
        Map.of(
            "llmkit.provider", "fake", "llmkit.fake.api-key", "k1", "llmkit.fake.maxRetries", "3");

    LlmClient client = Llm.client(settings);

    assertThat(configOf(client).require("api-key")).isEqualTo("k1");
    assertThat(configOf(client).integer("max-retries")).contains(3);
  }

  @Test
  void clientWithIdAcceptsPrefixedAndPlainKeys() {
    Map<String, String> options = Map.of("llmkit.fake.api-key", "k2", "base-url", "http://x");

    LlmClient client = Llm.client("FAKE", options);

    assertThat(client.provider()).isEqualTo("fake");
    assertThat(configOf(client).asMap())
        .containsEntry("api-key", "k2")
        .containsEntry("base-url", "http://x");
  }

  @Test
  void missingRequiredOptionNamesPropertyAndEnvironmentVariable() {
    Map<String, String> sys = Map.of("llmkit.provider", "fake");

    assertThatThrownBy(() -> Llm.fromSources(sys, Map.of(), Map.of(), loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("llmkit.fake.api-key")
        .hasMessageContaining("FAKE_API_KEY")
        .hasMessageContaining("LLMKIT_FAKE_API_KEY");
  }

  @Test
  void providerIdsAreSorted() {
    assertThat(Llm.providerIds()).containsExactly("fake", "spare");
  }

  @Test
  void unsupportedCapabilityNamesProviderAndCapability() {
    LlmClient client = Llm.client("spare", Map.of());

    assertThat(client.supports(Capability.CHAT)).isFalse();
    assertThatThrownBy(client::fineTuning)
        .isInstanceOf(UnsupportedCapabilityException.class)
        .hasMessage("provider 'spare' does not support fine-tuning")
        .satisfies(
            e ->
                assertThat(((UnsupportedCapabilityException) e).capability())
                    .isEqualTo(Capability.FINE_TUNING));
  }
}
