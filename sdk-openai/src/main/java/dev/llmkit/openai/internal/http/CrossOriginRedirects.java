package dev.llmkit.openai.internal.http;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Strips credentials from a redirected request that leaves the original origin (scheme, host and
 * port). OkHttp itself drops only {@code Authorization} there; this network interceptor also drops
 * Azure's {@code api-key}, {@code OpenAI-Organization}, {@code OpenAI-Project}, {@code Cookie} and
 * every header the user configured (a gateway's {@code X-Api-Key}, say). It sees every hop, so it
 * works the same for blocking calls, async calls and streams.
 */
final class CrossOriginRedirects implements Interceptor {
  private static final Set<String> SDK_CREDENTIALS =
      Set.of("authorization", "api-key", "openai-organization", "openai-project", "cookie");

  private final Set<String> stripped = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  CrossOriginRedirects(Map<String, String> extraHeaders) {
    stripped.addAll(SDK_CREDENTIALS);
    stripped.addAll(extraHeaders.keySet());
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (sameOrigin(chain.call().request().url(), request.url())) {
      return chain.proceed(request);
    }
    Request.Builder b = request.newBuilder();
    for (String name : request.headers().names()) {
      if (stripped.contains(name.toLowerCase(Locale.ROOT))) {
        b.removeHeader(name);
      }
    }
    return chain.proceed(b.build());
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }
}
