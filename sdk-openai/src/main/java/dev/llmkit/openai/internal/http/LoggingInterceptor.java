package dev.llmkit.openai.internal.http;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each HTTP attempt at debug level: method, URL, status, duration and headers, with
 * credentials redacted. Bodies are never logged: they carry prompts and completions. Logger
 * name: {@code dev.llmkit.openai.http}.
 */
public final class LoggingInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger("dev.llmkit.openai.http");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!LOG.isDebugEnabled()) {
      return chain.proceed(request);
    }
    LOG.debug("--> {} {} {}", request.method(), request.url(), redact(request.headers()));
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      LOG.debug("<-- {} {} {} ({} ms) {}", response.code(), request.method(), request.url(), ms,
          redact(response.headers()));
      return response;
    } catch (IOException e) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      LOG.debug("<-- failed {} {} ({} ms): {}", request.method(), request.url(), ms, e.toString());
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
      sb.append(name).append(": ").append(isSecret(name) ? "██" : headers.value(i));
    }
    return sb.append(']').toString();
  }

  static boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("authorization") || n.contains("key") || n.contains("token")
        || n.contains("secret") || n.contains("cookie");
  }
}
