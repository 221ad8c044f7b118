package dev.llmkit.openai.internal.http;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;

/**
 * Logs each HTTP attempt at debug level: method, URL, status, duration and headers, with
 * credentials redacted. Bodies are never logged: they carry prompts and completions. Logger name:
 * {@code dev.llmkit.openai.http}.
 *
 * <p>Redaction: a request header whose name marks a credential ({@link Secrets#isSecretName}) shows
 * as {@code ██}; a response header shows its value only when it is one of the well-known
 * informational headers ({@code content-type}, {@code x-request-id}, {@code x-ratelimit-*}, …),
 * because a server or proxy may echo anything there. A URL's {@code user:pass@} and key-like query
 * values become {@code ***}, and every remaining text passes through {@link Secrets#redact}.
 */
public final class LoggingInterceptor implements Interceptor {
  private static final Logger LOG = Logs.get("dev.llmkit.openai.http");

  /** Response headers whose values are logged; all others show as {@code ██}. */
  private static final Set<String> SHOWN_RESPONSE_HEADERS =
      Set.of(
          "content-type",
          "content-length",
          "content-encoding",
          "transfer-encoding",
          "connection",
          "date",
          "server",
          "location",
          "retry-after",
          "retry-after-ms",
          "x-should-retry",
          "x-request-id",
          "openai-processing-ms",
          "openai-version",
          "openai-model",
          "cache-control",
          "via");

  private final Secrets secrets;

  public LoggingInterceptor(Secrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!LOG.isDebugEnabled()) {
      return chain.proceed(request);
    }
    String url = secrets.redact(Secrets.safeUrl(request.url()));
    LOG.debug("--> {} {} {}", request.method(), url, secrets.redact(redact(request.headers())));
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      LOG.debug(
          "<-- {} {} {} ({} ms) {}",
          response.code(),
          request.method(),
          url,
          ms,
          secrets.redact(redactResponse(response.headers())));
      return response;
    } catch (IOException e) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      LOG.debug(
          "<-- failed {} {} ({} ms): {}", request.method(), url, ms, secrets.redact(e.toString()));
      throw e;
    }
  }

  /** Renders headers as {@code [Name: value, ...]} with secret-bearing values as {@code ██}. */
  public static String redact(Headers headers) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < headers.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String name = headers.name(i);
      sb.append(name).append(": ").append(Secrets.isSecretName(name) ? "██" : headers.value(i));
    }
    return sb.append(']').toString();
  }

  /** Renders response headers, showing only the values of well-known informational ones. */
  static String redactResponse(Headers headers) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < headers.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String name = headers.name(i);
      String lower = name.toLowerCase(Locale.ROOT);
      boolean shown = SHOWN_RESPONSE_HEADERS.contains(lower) || lower.startsWith("x-ratelimit-");
      sb.append(name).append(": ").append(shown ? headers.value(i) : "██");
    }
    return sb.append(']').toString();
  }
}
