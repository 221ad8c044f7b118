package dev.llmkit.openai.internal.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Adds credentials and fixed headers to every request. OpenAI: {@code Authorization: Bearer},
 * {@code OpenAI-Organization}, {@code OpenAI-Project}. Azure: {@code api-key} and the {@code
 * api-version} query parameter; {@code models} requests go to {@code /openai/models}, the one Azure
 * path outside a deployment. Extra headers are applied last, so they can override any of these
 * (e.g. a gateway's own {@code Authorization}).
 */
public final class AuthInterceptor implements Interceptor {
  private final String apiKey;
  private final @Nullable String organization;
  private final @Nullable String project;
  private final @Nullable String azureApiVersion;
  private final Map<String, String> extraHeaders;
  private final String userAgent;

  public AuthInterceptor(
      String apiKey,
      @Nullable String organization,
      @Nullable String project,
      @Nullable String azureApiVersion,
      Map<String, String> extraHeaders,
      String userAgent) {
    this.apiKey = apiKey;
    this.organization = organization;
    this.project = project;
    this.azureApiVersion = azureApiVersion;
    this.extraHeaders = Map.copyOf(extraHeaders);
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder b = request.newBuilder().header("User-Agent", userAgent);
    if (azureApiVersion != null) {
      if (!apiKey.isEmpty()) {
        b.header("api-key", apiKey);
      }
      b.url(azureUrl(request.url(), azureApiVersion));
    } else {
      if (!apiKey.isEmpty()) {
        b.header("Authorization", "Bearer " + apiKey);
      }
      if (organization != null) {
        b.header("OpenAI-Organization", organization);
      }
      if (project != null) {
        b.header("OpenAI-Project", project);
      }
    }
    extraHeaders.forEach(b::header);
    return chain.proceed(b.build());
  }

  private static HttpUrl azureUrl(HttpUrl url, String apiVersion) {
    HttpUrl.Builder b = url.newBuilder();
    List<String> segments = url.pathSegments();
    int i = segments.indexOf("deployments");
    if (i > 0
        && "openai".equals(segments.get(i - 1))
        && segments.size() > i + 2
        && "models".equals(segments.get(i + 2))) {
      b.removePathSegment(i).removePathSegment(i); // drop "deployments/{name}"
    }
    if (url.queryParameter("api-version") == null) {
      b.addQueryParameter("api-version", apiVersion);
    }
    return b.build();
  }
}
