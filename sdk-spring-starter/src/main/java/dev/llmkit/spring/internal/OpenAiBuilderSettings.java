package dev.llmkit.spring.internal;

import dev.llmkit.openai.OpenAiClient;
import dev.llmkit.spring.OpenAiProperties;
import java.net.InetSocketAddress;
import java.net.Proxy;
import org.jspecify.annotations.Nullable;

/** Applies {@link OpenAiProperties} to an {@link OpenAiClient.Builder}. */
public final class OpenAiBuilderSettings {
  private OpenAiBuilderSettings() {}

  /**
   * Copies every property into {@code builder}.
   *
   * @param envApiKey the value of {@code OPENAI_API_KEY}, used when {@code llmkit.openai.api-key}
   *     is unset
   * @throws ProviderSelectionException if the key or the Azure deployment is missing
   */
  public static OpenAiClient.Builder apply(
      OpenAiProperties p, @Nullable String envApiKey, OpenAiClient.Builder builder) {
    String key = notBlank(p.apiKey()) ? p.apiKey() : envApiKey;
    if (key != null && !key.isBlank()) {
      builder.apiKey(key);
    } else if (notBlank(p.azure().endpoint())) {
      throw new ProviderSelectionException(
          "llmkit.openai.azure.endpoint is set but llmkit.openai.api-key is not.",
          "Set llmkit.openai.api-key (or OPENAI_API_KEY) to the key of your Azure resource.");
    } else if (!isOpenAi(p.baseUrl())) {
      builder.apiKey(""); // an OpenAI-compatible server that needs no key
    } else {
      throw new ProviderSelectionException(
          "llmkit provider 'openai' is selected but llmkit.openai.api-key is not set.",
          "Set llmkit.openai.api-key or the environment variable OPENAI_API_KEY.");
    }
    builder
        .baseUrl(p.baseUrl())
        .organization(p.organization())
        .project(p.project())
        .connectTimeout(p.connectTimeout())
        .readTimeout(p.readTimeout())
        .writeTimeout(p.writeTimeout())
        .callTimeout(p.timeout())
        .streamFirstTokenTimeout(p.streamFirstTokenTimeout())
        .streamIdleTimeout(p.streamIdleTimeout())
        .streamTimeout(p.streamTimeout())
        .maxStreamEventSize(p.maxStreamEventSize())
        .maxRetries(p.maxRetries())
        .extraHeaders(p.headers());
    OpenAiProperties.Azure azure = p.azure();
    String endpoint = azure.endpoint();
    if (endpoint != null && !endpoint.isBlank()) {
      String deployment = azure.deployment();
      if (deployment == null || deployment.isBlank()) {
        throw new ProviderSelectionException(
            "llmkit.openai.azure.endpoint is set but llmkit.openai.azure.deployment is not.",
            "Set llmkit.openai.azure.deployment to the name of your Azure OpenAI deployment.");
      }
      builder.azure(endpoint, deployment, azure.apiVersion());
    }
    OpenAiProperties.ProxySettings proxy = p.proxy();
    if (notBlank(proxy.host())) { // the port was checked by OpenAiProperties
      builder.proxy(
          new Proxy(proxy.type(), InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
    }
    return builder;
  }

  private static boolean isOpenAi(String baseUrl) {
    return baseUrl.replaceAll("/+$", "").equals("https://api.openai.com/v1");
  }

  private static boolean notBlank(@Nullable String s) {
    return s != null && !s.isBlank();
  }
}
