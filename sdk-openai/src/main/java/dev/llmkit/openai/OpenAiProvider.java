package dev.llmkit.openai;

import dev.llmkit.LlmClient;
import dev.llmkit.spi.LlmProvider;
import dev.llmkit.spi.ProviderConfig;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The {@code openai} provider for {@link dev.llmkit.Llm}. Options ({@code llmkit.openai.*}), with
 * environment fallbacks in brackets: {@code api-key} [OPENAI_API_KEY], {@code base-url}
 * [OPENAI_BASE_URL], {@code organization} [OPENAI_ORG_ID], {@code project} [OPENAI_PROJECT_ID],
 * {@code connect-timeout}, {@code read-timeout}, {@code write-timeout}, {@code timeout} (whole
 * call), {@code stream-first-token-timeout}, {@code stream-idle-timeout}, {@code stream-timeout},
 * {@code max-stream-event-size} (bytes), {@code max-retries}, {@code proxy} ({@code host:port}),
 * {@code azure.endpoint} [AZURE_OPENAI_ENDPOINT], {@code azure.deployment}, {@code
 * azure.api-version} [OPENAI_API_VERSION], and {@code headers.<Name>} for extra headers.
 *
 * <p>An API key is required for OpenAI's own API and for Azure; servers at any other base URL may
 * run without one.
 */
public final class OpenAiProvider implements LlmProvider {
  static final String ENV_AZURE_ENDPOINT = "AZURE_OPENAI_ENDPOINT";
  static final String ENV_AZURE_API_KEY = "AZURE_OPENAI_API_KEY";
  static final String ENV_API_VERSION = "OPENAI_API_VERSION";

  @Override
  public String id() {
    return OpenAiClient.PROVIDER;
  }

  @Override
  public LlmClient create(ProviderConfig config) {
    OpenAiClient.Builder b = OpenAiClient.builder();
    Optional<String> azureEndpoint = config.string("azure.endpoint", ENV_AZURE_ENDPOINT);
    Optional<String> baseUrl = config.string("base-url", OpenAiClient.ENV_BASE_URL);
    Optional<String> key;
    if (azureEndpoint.isPresent()) {
      key =
          Optional.of(
              config
                  .string("api-key", OpenAiClient.ENV_API_KEY)
                  .orElseGet(() -> config.require("api-key", ENV_AZURE_API_KEY)));
      b.azure(
          azureEndpoint.get(),
          config.require("azure.deployment"),
          config.require("azure.api-version", ENV_API_VERSION));
    } else {
      baseUrl.ifPresent(b::baseUrl);
      key = config.string("api-key", OpenAiClient.ENV_API_KEY);
      HttpUrl url = HttpUrl.parse(baseUrl.orElse(OpenAiClient.DEFAULT_BASE_URL));
      if (key.isEmpty() && (url == null || url.host().equals("api.openai.com"))) {
        key = Optional.of(config.require("api-key", OpenAiClient.ENV_API_KEY));
      }
    }
    b.apiKey(key.orElse(""));
    config.string("organization", OpenAiClient.ENV_ORG_ID).ifPresent(b::organization);
    config.string("project", OpenAiClient.ENV_PROJECT_ID).ifPresent(b::project);
    config.duration("connect-timeout").ifPresent(b::connectTimeout);
    config.duration("read-timeout").ifPresent(b::readTimeout);
    config.duration("write-timeout").ifPresent(b::writeTimeout);
    config.duration("timeout").ifPresent(b::callTimeout);
    config.duration("stream-first-token-timeout").ifPresent(b::streamFirstTokenTimeout);
    config.duration("stream-idle-timeout").ifPresent(b::streamIdleTimeout);
    config.duration("stream-timeout").ifPresent(b::streamTimeout);
    config.integer("max-stream-event-size").ifPresent(b::maxStreamEventSize);
    config.integer("max-retries").ifPresent(b::maxRetries);
    config.string("proxy").ifPresent(p -> b.proxy(proxy(p, config.property("proxy"))));
    for (Map.Entry<String, String> e : config.asMap().entrySet()) {
      if (e.getKey().startsWith("headers.") && e.getKey().length() > "headers.".length()) {
        b.header(e.getKey().substring("headers.".length()), e.getValue());
      }
    }
    return b.build();
  }

  static Proxy proxy(String value, String property) {
    int colon = value.lastIndexOf(':');
    int port = -1;
    if (colon > 0) {
      try {
        port = Integer.parseInt(value.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(
          property + " is '" + value + "'; expected host:port, e.g. proxy.example.com:3128");
    }
    String host = value.substring(0, colon).trim();
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
  }
}
