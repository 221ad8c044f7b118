package dev.llmkit.openai.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.LlmException;
import dev.llmkit.LlmIoException;
import dev.llmkit.openai.internal.wire.WireFormatException;
import dev.llmkit.openai.internal.wire.WireJson;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.Cache;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSources;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * The shared HTTP context of one client: the OkHttp client with its interceptors, the Retrofit
 * {@link OpenAiApi}, the SSE factory, the error mapper and the JSON mapper. Every service gets the
 * same instance, so adding a service is one constructor call.
 */
public final class OpenAiTransport implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final TransportSettings settings;
  private final OkHttpClient http;
  private final OpenAiApi api;
  private final EventSource.Factory eventSources;
  private final ErrorMapper errors;
  private final ActiveStreams streams = new ActiveStreams();
  private final RetryInterceptor retries;
  private volatile boolean closed;

  public OpenAiTransport(TransportSettings settings) {
    this.settings = settings;
    Secrets secrets = Secrets.of(settings.apiKey(), settings.extraHeaders(), settings.baseUrl());
    this.errors = new ErrorMapper(settings.provider(), secrets, settings.clock());
    this.retries =
        new RetryInterceptor(
            settings.maxRetries(), settings.sleeper(), settings.clock(), settings.random());
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(128);
    dispatcher.setMaxRequestsPerHost(64); // streams hold a slot for their whole duration
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.writeTimeout())
            .callTimeout(settings.callTimeout())
            // RetryInterceptor owns every retry, so maxRetries(0) means one attempt: OkHttp would
            // otherwise silently resend a request (a billable POST) after a 408 or a failed
            // connection.
            .retryOnConnectionFailure(false)
            .addInterceptor(
                new AuthInterceptor(
                    settings.apiKey(),
                    settings.organization(),
                    settings.project(),
                    settings.azureApiVersion(),
                    settings.extraHeaders(),
                    settings.userAgent()))
            .addInterceptor(retries)
            .addInterceptor(new LoggingInterceptor(secrets))
            .addNetworkInterceptor(new CrossOriginRedirects(settings.extraHeaders()));
    if (settings.proxy() != null) {
      b.proxy(settings.proxy());
    }
    this.http = b.build();
    this.api =
        new Retrofit.Builder()
            .baseUrl(settings.baseUrl())
            .client(http)
            .addConverterFactory(JacksonConverterFactory.create(WireJson.MAPPER))
            .build()
            .create(OpenAiApi.class);
    this.eventSources =
        EventSources.createFactory(
            http.newBuilder()
                .addInterceptor(new SseLineEndings(settings.maxStreamEventSize()))
                .build()); // shares pool and threads
  }

  public String provider() {
    return settings.provider();
  }

  public TransportSettings settings() {
    return settings;
  }

  public OpenAiApi api() {
    return api;
  }

  public ErrorMapper errors() {
    return errors;
  }

  public ObjectMapper json() {
    return WireJson.MAPPER;
  }

  /** The OkHttp client; exposed for lifecycle checks. */
  public OkHttpClient httpClient() {
    return http;
  }

  /** Runs {@code call} on the calling thread and returns its body, mapping every failure. */
  public <T> T execute(Call<T> call) {
    return executeRaw(call).body();
  }

  /** A successful body with the status and headers of its response. */
  public record Raw<T>(T body, int status, okhttp3.Headers headers) {}

  /** Like {@link #execute}, keeping the response's status and headers. */
  public <T> Raw<T> executeRaw(Call<T> call) {
    checkOpen();
    Response<T> response;
    try {
      response = call.execute();
    } catch (IOException | RuntimeException e) {
      throw closed ? closedDuringCall(e) : errors.fromThrowable(e);
    }
    return new Raw<>(bodyOf(response), response.code(), response.headers());
  }

  /**
   * Returns a cold {@link Single} that enqueues a fresh call from {@code calls} on OkHttp's
   * dispatcher when subscribed; disposing cancels it. Failures are mapped like {@link #execute}.
   */
  public <T> Single<T> async(Supplier<Call<T>> calls) {
    return asyncRaw(calls).map(Raw::body);
  }

  /** Like {@link #async}, keeping the response's status and headers. */
  public <T> Single<Raw<T>> asyncRaw(Supplier<Call<T>> calls) {
    return Single.create(
        emitter -> {
          checkOpen();
          Call<T> call = calls.get();
          emitter.setCancellable(call::cancel);
          call.enqueue(
              new Callback<T>() {
                @Override
                public void onResponse(Call<T> c, Response<T> response) {
                  T body;
                  try {
                    body = bodyOf(response);
                  } catch (RuntimeException e) {
                    emitter.tryOnError(e);
                    return;
                  }
                  emitter.onSuccess(new Raw<>(body, response.code(), response.headers()));
                }

                @Override
                public void onFailure(Call<T> c, Throwable t) {
                  emitter.tryOnError(closed ? closedDuringCall(t) : errors.fromThrowable(t));
                }
              });
        });
  }

  /** Maps a successful body to an API type; a shape the mapper rejects is an LlmException. */
  public <D, R> R map(D dto, Function<D, R> mapper) {
    try {
      return mapper.apply(dto);
    } catch (LlmException e) {
      throw e;
    } catch (WireFormatException e) {
      throw new LlmException(provider(), "malformed response: " + errors.redact(e.getMessage()), e);
    } catch (RuntimeException e) {
      throw new LlmException(
          provider(),
          "unexpected response content: " + errors.redact(String.valueOf(e.getMessage())),
          e);
    }
  }

  /**
   * Returns a cold stream that POSTs {@code body} to {@code path} (relative to the base URL) and
   * parses each event with a fresh parser from {@code parsers}.
   */
  public <T> Flowable<T> stream(
      String path, Object body, Supplier<? extends ChunkParser<T>> parsers) {
    byte[] json;
    try {
      json = WireJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      return Flowable.error(errors.fromThrowable(e));
    }
    HttpUrl url = settings.baseUrl().resolve(path);
    Request request =
        new Request.Builder()
            .url(url == null ? settings.baseUrl() : url)
            .header("Accept", "text/event-stream")
            .post(RequestBody.create(json, JSON))
            .build();
    Flowable<T> events =
        new SseFlowable<>(
            eventSources,
            request,
            parsers,
            errors,
            new StreamTimeouts(
                settings.streamFirstTokenTimeout(),
                settings.streamIdleTimeout(),
                settings.streamTimeout()),
            SseFlowable.DEFAULT_CAPACITY,
            streams,
            retries::awaitStreamRetry);
    return Flowable.defer(
        () -> {
          checkOpen();
          return events;
        });
  }

  private <T> T bodyOf(Response<T> response) {
    if (!response.isSuccessful()) {
      throw errors.fromResponse(response.code(), response.headers(), response.errorBody());
    }
    T body = response.body();
    if (body == null) {
      throw new LlmException(provider(), "empty response body (HTTP " + response.code() + ")");
    }
    return body;
  }

  private LlmIoException closedDuringCall(Throwable cause) {
    return new LlmIoException(provider(), "the client was closed during the call", cause);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this " + provider() + " client is closed");
    }
  }

  /**
   * Ends open streams, cancels calls in flight, shuts the dispatcher's threads down and evicts
   * pooled connections, so the JVM can exit. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    streams.closeAll();
    http.dispatcher().cancelAll();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    Cache cache = http.cache();
    if (cache != null) {
      try {
        cache.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
