package dev.llmkit.spring;

import java.net.Proxy;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the auto-configured {@code OpenAiClient} (provider {@code openai}).
 *
 * @param apiKey API key sent as a bearer token (as api-key for Azure). Falls back to the
 *     environment variable OPENAI_API_KEY. Empty with a non-OpenAI base-url sends no credentials.
 * @param baseUrl API root, e.g. https://api.openai.com/v1 or the /v1 root of an OpenAI-compatible
 *     server such as Ollama or vLLM.
 * @param organization Value of the OpenAI-Organization header; unset sends none.
 * @param project Value of the OpenAI-Project header; unset sends none.
 * @param connectTimeout Time to establish a TCP/TLS connection; 0 means no limit.
 * @param readTimeout Longest silence on the socket; keep-alive bytes reset it; 0 means no limit.
 * @param writeTimeout Longest wait for the socket to accept request bytes; 0 means no limit.
 * @param timeout Whole-call limit including retries; for streams, until the response headers
 *     arrive. 0 means no limit.
 * @param streamFirstTokenTimeout Fails a stream whose first event has not arrived this long after
 *     subscribing; 0 disables it.
 * @param streamIdleTimeout Fails a stream when no event arrived for this long; comments and
 *     keep-alive bytes do not reset it; 0 disables it.
 * @param streamTimeout Fails a stream that has not ended this long after subscribing; 0 means no
 *     limit.
 * @param maxStreamEventSize Largest stream event, or line of one, in bytes; a larger one fails the
 *     stream. At least 1024.
 * @param maxRetries Retries after connection failures, 408, 409, 429 and 5xx responses; 0 disables
 *     retries.
 * @param headers Extra headers sent with every request; they override the SDK's own. Unset sends
 *     only the SDK's headers.
 * @param proxy Proxy for all requests; without a host the system's proxy selector is used.
 * @param azure Azure OpenAI settings; setting azure.endpoint targets Azure instead of base-url.
 */
@ConfigurationProperties(OpenAiProperties.PREFIX)
public record OpenAiProperties(
    @Nullable String apiKey,
    @DefaultValue("https://api.openai.com/v1/") String baseUrl,
    @Nullable String organization,
    @Nullable String project,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("10m") Duration readTimeout,
    @DefaultValue("10m") Duration writeTimeout,
    @DefaultValue("10m") Duration timeout,
    @DefaultValue("0s") Duration streamFirstTokenTimeout,
    @DefaultValue("10m") Duration streamIdleTimeout,
    @DefaultValue("0s") Duration streamTimeout,
    @DefaultValue("8388608") int maxStreamEventSize,
    @DefaultValue("2") int maxRetries,
    @DefaultValue Map<String, String> headers,
    @DefaultValue ProxySettings proxy,
    @DefaultValue Azure azure) {

  /** The prefix of the OpenAI properties. */
  public static final String PREFIX = "llmkit.openai";

  /** Rejects values the client would reject, naming the property. */
  public OpenAiProperties {
    PropertyChecks.nonNegative(PREFIX + ".connect-timeout", connectTimeout);
    PropertyChecks.nonNegative(PREFIX + ".read-timeout", readTimeout);
    PropertyChecks.nonNegative(PREFIX + ".write-timeout", writeTimeout);
    PropertyChecks.nonNegative(PREFIX + ".timeout", timeout);
    PropertyChecks.nonNegative(PREFIX + ".stream-first-token-timeout", streamFirstTokenTimeout);
    PropertyChecks.nonNegative(PREFIX + ".stream-idle-timeout", streamIdleTimeout);
    PropertyChecks.nonNegative(PREFIX + ".stream-timeout", streamTimeout);
    PropertyChecks.range(
        PREFIX + ".max-stream-event-size", maxStreamEventSize, 1024, Integer.MAX_VALUE);
    PropertyChecks.range(PREFIX + ".max-retries", maxRetries, 0, 100);
    headers = Map.copyOf(headers);
  }

  /**
   * A proxy for the OpenAI client.
   *
   * @param host Proxy host name or address; unset means no explicit proxy.
   * @param port Proxy port, required with a host.
   * @param type Proxy protocol: HTTP or SOCKS.
   */
  public record ProxySettings(
      @Nullable String host, @DefaultValue("0") int port, @DefaultValue("HTTP") Proxy.Type type) {
    /** Requires a port in 1..65535 when a host is set. */
    public ProxySettings {
      if (host != null && !host.isBlank()) {
        PropertyChecks.range(PREFIX + ".proxy.port", port, 1, 65535);
      }
    }
  }

  /**
   * Azure OpenAI: requests go to {endpoint}/openai/deployments/{deployment}/... with the
   * api-version query parameter.
   *
   * @param endpoint Resource URL, e.g. https://my-resource.openai.azure.com; unset means plain
   *     OpenAI (or base-url).
   * @param deployment Deployment name; required with an endpoint.
   * @param apiVersion Azure API version sent as the api-version query parameter.
   */
  public record Azure(
      @Nullable String endpoint,
      @Nullable String deployment,
      @DefaultValue("2024-10-21") String apiVersion) {}
}
