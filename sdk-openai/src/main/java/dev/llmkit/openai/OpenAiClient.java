package dev.llmkit.openai;

import static dev.llmkit.openai.internal.http.ClientOptions.blankToNull;
import static dev.llmkit.openai.internal.http.ClientOptions.nonNegative;
import static dev.llmkit.openai.internal.http.ClientOptions.requireText;

import dev.llmkit.Capability;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import dev.llmkit.openai.internal.http.ClientOptions;
import dev.llmkit.openai.internal.http.HeaderChecks;
import dev.llmkit.openai.internal.http.OpenAiTransport;
import dev.llmkit.openai.internal.http.Secrets;
import dev.llmkit.openai.internal.http.Sleeper;
import dev.llmkit.openai.internal.http.TransportSettings;
import dev.llmkit.openai.internal.service.OpenAiServices;
import java.net.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * A client for the OpenAI API, Azure OpenAI, or any OpenAI-compatible server.
 *
 * <pre>{@code
 * try (OpenAiClient client = OpenAiClient.fromEnv()) {       // reads OPENAI_API_KEY
 *   ChatRequest request = ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hello").build();
 *   System.out.println(client.chat().chat(request).text());
 *   client.chat().stream(request).blockingForEach(chunk -> System.out.print(chunk.text()));
 * }
 * }</pre>
 *
 * <p>Thread-safe; share one instance. {@link #close()} ends open streams, cancels calls in flight
 * and releases OkHttp's threads and pooled connections, so a program that closes its client exits
 * promptly. Offers every {@link Capability}: chat, legacy completions, embeddings, files,
 * fine-tuning, moderation and models.
 */
public final class OpenAiClient implements LlmClient {
  /** The provider id, also the {@code llmkit.provider} value. */
  public static final String PROVIDER = "openai";

  private static final Set<Capability> CAPABILITIES =
      Collections.unmodifiableSet(EnumSet.allOf(Capability.class));

  /** The default API root. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1/";

  /** The default {@link Builder#streamIdleTimeout}: 10 minutes. */
  public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofMinutes(10);

  /** The default {@link Builder#maxStreamEventSize}: 8 MiB. */
  public static final int DEFAULT_MAX_STREAM_EVENT_SIZE = 8 * 1024 * 1024;

  static final String ENV_API_KEY = "OPENAI_API_KEY";
  static final String ENV_BASE_URL = "OPENAI_BASE_URL";
  static final String ENV_ORG_ID = "OPENAI_ORG_ID";
  static final String ENV_PROJECT_ID = "OPENAI_PROJECT_ID";

  private final OpenAiTransport transport;
  private final OpenAiServices services;
  private final OpenAiResponses withMetadata;

  OpenAiClient(OpenAiTransport transport) {
    this.transport = transport;
    this.services = OpenAiServices.create(transport);
    this.withMetadata =
        new OpenAiResponses(services.chat(), services.completions(), services.embeddings());
  }

  /** Returns a builder with OpenAI's defaults; nothing is read from the environment. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a client configured from {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code
   * OPENAI_ORG_ID} and {@code OPENAI_PROJECT_ID}.
   *
   * @throws IllegalArgumentException if {@code OPENAI_API_KEY} is unset and the base URL is
   *     OpenAI's own
   */
  public static OpenAiClient fromEnv() {
    return builder().fromEnv().build();
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public ChatService chat() {
    return services.chat();
  }

  @Override
  public CompletionService completions() {
    return services.completions();
  }

  @Override
  public ModelService models() {
    return services.models();
  }

  @Override
  public EmbeddingService embeddings() {
    return services.embeddings();
  }

  @Override
  public FileService files() {
    return services.files();
  }

  @Override
  public FineTuningService fineTuning() {
    return services.fineTuning();
  }

  @Override
  public ModerationService moderation() {
    return services.moderation();
  }

  /**
   * Returns the chat, completion and embedding calls in a form that also returns each response's
   * request id, rate limits, processing time and headers; see {@link OpenAiResponses}.
   *
   * @since 0.2
   */
  public OpenAiResponses withResponseMetadata() {
    return withMetadata;
  }

  /** The shared HTTP context; package-private for lifecycle tests. */
  OpenAiTransport transport() {
    return transport;
  }

  /** Ends open streams, cancels calls in flight, releases threads and connections. */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "OpenAiClient[" + Secrets.safeUrl(transport.settings().baseUrl()) + "]";
  }

  /**
   * Configures an {@link OpenAiClient}. Defaults: base URL {@code https://api.openai.com/v1/},
   * connect timeout 10 s, read, write and call timeouts 10 min (as OpenAI's own SDKs), no
   * time-to-first-token timeout, stream idle timeout 10 min, no total stream timeout, 8 MiB largest
   * stream event, 2 retries, no proxy.
   */
  public static final class Builder {
    private @Nullable String apiKey;
    private @Nullable String organization;
    private @Nullable String project;
    private String baseUrl = DEFAULT_BASE_URL;
    private @Nullable String azureEndpoint;
    private @Nullable String azureDeployment;
    private @Nullable String azureApiVersion;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofMinutes(10);
    private Duration writeTimeout = Duration.ofMinutes(10);
    private Duration callTimeout = Duration.ofMinutes(10);
    private Duration streamFirstTokenTimeout = Duration.ZERO;
    private Duration streamIdleTimeout = DEFAULT_STREAM_IDLE_TIMEOUT;
    private Duration streamTimeout = Duration.ZERO;
    private int maxStreamEventSize = DEFAULT_MAX_STREAM_EVENT_SIZE;
    private @Nullable Proxy proxy;
    private int maxRetries = 2;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /**
     * Sets the API key, sent as {@code Authorization: Bearer} (or {@code api-key} for Azure). An
     * empty key sends no credentials, for local OpenAI-compatible servers.
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null").strip();
      return this;
    }

    /** Sets the {@code OpenAI-Organization} header; null removes it. */
    public Builder organization(@Nullable String organization) {
      this.organization = blankToNull(organization);
      return this;
    }

    /** Sets the {@code OpenAI-Project} header; null removes it. */
    public Builder project(@Nullable String project) {
      this.project = blankToNull(project);
      return this;
    }

    /**
     * Sets the API root in the form OpenAI's SDKs use, e.g. {@code https://api.openai.com/v1} or
     * {@code http://localhost:11434/v1}; a trailing slash is optional.
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null").strip();
      return this;
    }

    /** Same as {@link #baseUrl(String)}. */
    public Builder baseUrl(URI baseUrl) {
      return baseUrl(Objects.requireNonNull(baseUrl, "baseUrl == null").toString());
    }

    /**
     * Targets Azure OpenAI: requests go to {@code {endpoint}/openai/deployments/{deployment}/...}
     * with the {@code api-version} query parameter, and the key is sent as {@code api-key}.
     *
     * @param endpoint the resource URL, e.g. {@code https://my-resource.openai.azure.com}
     * @param deployment the deployment name
     * @param apiVersion e.g. {@code 2024-10-21}
     */
    public Builder azure(String endpoint, String deployment, String apiVersion) {
      this.azureEndpoint = requireText(endpoint, "endpoint");
      this.azureDeployment = requireText(deployment, "deployment");
      this.azureApiVersion = requireText(apiVersion, "apiVersion");
      return this;
    }

    /**
     * Adds a header sent with every request; it overrides the SDK's own of the same name. The value
     * is stripped of surrounding whitespace (a key pasted with its line break works). It is treated
     * as a credential: never sent on a redirect to another host, and, when the name contains {@code
     * auth}, {@code key}, {@code token}, {@code secret}, {@code password} or {@code cookie}, never
     * shown in logs or exception messages.
     *
     * @throws IllegalArgumentException if the name or value holds a character HTTP does not allow;
     *     the message names the header and the position, never the value
     */
    public Builder header(String name, String value) {
      String n = requireText(name, "name");
      String v = Objects.requireNonNull(value, "value == null").strip();
      HeaderChecks.checkName(n);
      HeaderChecks.checkValue(v, "value of header " + n);
      extraHeaders.put(n, v);
      return this;
    }

    /** Replaces the extra headers. */
    public Builder extraHeaders(Map<String, String> headers) {
      Objects.requireNonNull(headers, "headers == null");
      extraHeaders.clear();
      headers.forEach(this::header);
      return this;
    }

    /** Time to establish a TCP/TLS connection. Zero means no limit. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = nonNegative(timeout, "connectTimeout");
      return this;
    }

    /** Longest silence between two reads, also between two stream events. Zero: no limit. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = nonNegative(timeout, "readTimeout");
      return this;
    }

    /** Longest wait for the socket to accept request bytes. Zero means no limit. */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = nonNegative(timeout, "writeTimeout");
      return this;
    }

    /**
     * Whole-call limit, retries included. For a stream it covers the time until the response
     * headers arrive; the body is then bounded by the read timeout. Zero means no limit.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = nonNegative(timeout, "callTimeout");
      return this;
    }

    /** Same as {@link #callTimeout(Duration)}. */
    public Builder timeout(Duration timeout) {
      return callTimeout(timeout);
    }

    /**
     * Fails a stream with a timeout {@link dev.llmkit.LlmIoException} when its first event has not
     * arrived this long after subscribing. Zero (the default) disables it.
     */
    public Builder streamFirstTokenTimeout(Duration timeout) {
      this.streamFirstTokenTimeout = nonNegative(timeout, "streamFirstTokenTimeout");
      return this;
    }

    /**
     * Fails a stream when no event arrived for this long; zero disables it. Default 10 min, as the
     * read timeout. Unlike the read timeout it is not reset by comments or keep-alive bytes, so a
     * server that sends only those cannot hold a stream open forever. Before the first event it
     * fails with a timeout {@link dev.llmkit.LlmIoException}, after it with an {@link
     * dev.llmkit.LlmStreamException}.
     */
    public Builder streamIdleTimeout(Duration timeout) {
      this.streamIdleTimeout = nonNegative(timeout, "streamIdleTimeout");
      return this;
    }

    /**
     * Fails a stream that has not ended this long after subscribing; zero (the default) means no
     * limit, because a long generation may legitimately stream for many minutes.
     */
    public Builder streamTimeout(Duration timeout) {
      this.streamTimeout = nonNegative(timeout, "streamTimeout");
      return this;
    }

    /**
     * The most bytes one server-sent event, or one of its lines, may have; a larger one fails the
     * stream with an {@link dev.llmkit.LlmStreamException} before more of it is buffered. Default 8
     * MiB; at least 1 KiB.
     */
    public Builder maxStreamEventSize(int bytes) {
      this.maxStreamEventSize = ClientOptions.maxStreamEventSize(bytes);
      return this;
    }

    /** Routes requests through {@code proxy}; null uses the system's proxy selector. */
    public Builder proxy(@Nullable Proxy proxy) {
      this.proxy = proxy;
      return this;
    }

    /** Retries after connection failures, 408, 409, 429 and 5xx; 0 disables. Default 2. */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = ClientOptions.maxRetries(maxRetries);
      return this;
    }

    /**
     * Reads {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code OPENAI_ORG_ID} and {@code
     * OPENAI_PROJECT_ID}; unset variables leave the builder's values as they are.
     */
    public Builder fromEnv() {
      return env(System::getenv);
    }

    Builder env(Function<String, @Nullable String> env) {
      String key = env.apply(ENV_API_KEY);
      if (key != null) {
        apiKey(key);
      }
      String url = blankToNull(env.apply(ENV_BASE_URL));
      if (url != null) {
        baseUrl(url);
      }
      String org = blankToNull(env.apply(ENV_ORG_ID));
      if (org != null) {
        organization(org);
      }
      String proj = blankToNull(env.apply(ENV_PROJECT_ID));
      if (proj != null) {
        project(proj);
      }
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalArgumentException if the base URL is invalid, or no API key was given for
     *     OpenAI's own API or Azure
     */
    public OpenAiClient build() {
      boolean azure = azureEndpoint != null;
      HttpUrl url =
          azure
              ? ClientOptions.azureUrl(
                  Objects.requireNonNull(azureEndpoint), Objects.requireNonNull(azureDeployment))
              : ClientOptions.parseUrl(baseUrl, "baseUrl");
      String key = ClientOptions.apiKey(apiKey, url, azure);
      TransportSettings settings =
          new TransportSettings(
              PROVIDER,
              url,
              key,
              organization,
              project,
              azure ? azureApiVersion : null,
              extraHeaders,
              connectTimeout,
              readTimeout,
              writeTimeout,
              callTimeout,
              streamFirstTokenTimeout,
              streamIdleTimeout,
              streamTimeout,
              maxStreamEventSize,
              proxy,
              maxRetries,
              sleeper,
              clock,
              random,
              ClientOptions.userAgent());
      return new OpenAiClient(new OpenAiTransport(settings));
    }
  }
}
