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
   * @throws ProviderSelectionException if the Azure or proxy settings are incomplete
   */
  public static OpenAiClient.Builder apply(
      OpenAiProperties p, @Nullable String envApiKey, OpenAiClient.Builder builder) {
    String key = notBlank(p.apiKey()) ? p.apiKey() : envApiKey;
    if (notBlank(key)) {
      builder.apiKey(key);
    } else if (p.apiKey() != null || !isOpenAi(p.baseUrl()) && p.azure().endpoint() == null) {
      builder.apiKey(""); // a compatible server that needs no key
    }
    builder.baseUrl(p.baseUrl())
        .organization(p.organization())
        .project(p.project())
        .connectTimeout(p.connectTimeout())
        .readTimeout(p.readTimeout())
        .writeTimeout(p.writeTimeout())
        .callTimeout(p.timeout())
        .streamFirstTokenTimeout(p.streamFirstTokenTimeout())
        .maxRetries(p.maxRetries())
        .extraHeaders(p.headers());
    OpenAiProperties.Azure azure = p.azure();
    if (notBlank(azure.endpoint())) {
      if (!notBlank(azure.deployment())) {
        throw new ProviderSelectionException(
            "llmkit.openai.azure.endpoint is set but llmkit.openai.azure.deployment is not.",
            "Set llmkit.openai.azure.deployment to the name of your Azure OpenAI deployment.");
      }
      builder.azure(azure.endpoint(), azure.deployment(), azure.apiVersion());
    }
    OpenAiProperties.ProxySettings proxy = p.proxy();
    if (notBlank(proxy.host())) {
      if (proxy.port() <= 0 || proxy.port() > 65535) {
        throw new ProviderSelectionException(
            "llmkit.openai.proxy.host is set but llmkit.openai.proxy.port is " + proxy.port()
                + ".",
            "Set llmkit.openai.proxy.port to the proxy's port (1 to 65535).");
      }
      builder.proxy(new Proxy(proxy.type(),
          InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
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
