package dev.llmkit.openai.internal.http;

import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@link OpenAiTransport} needs, already validated by {@code OpenAiClient.Builder}.
 * {@code azureApiVersion} is non-null exactly when talking to Azure OpenAI.
 */
public record TransportSettings(
    String provider,
    HttpUrl baseUrl,
    String apiKey,
    @Nullable String organization,
    @Nullable String project,
    @Nullable String azureApiVersion,
    Map<String, String> extraHeaders,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    Duration callTimeout,
    Duration streamFirstTokenTimeout,
    Duration streamIdleTimeout,
    Duration streamTimeout,
    int maxStreamEventSize,
    @Nullable Proxy proxy,
    int maxRetries,
    Sleeper sleeper,
    Clock clock,
    DoubleSupplier random,
    String userAgent) {

  public TransportSettings {
    extraHeaders = Map.copyOf(extraHeaders);
  }

  /** Leaves the API key, header values and a URL's password out. */
  @Override
  public String toString() {
    return "TransportSettings["
        + provider
        + ", "
        + Secrets.safeUrl(baseUrl)
        + ", maxRetries="
        + maxRetries
        + "]";
  }
}
