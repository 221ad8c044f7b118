package dev.llmkit.openai.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The checks and conversions behind {@code OpenAiClient.Builder}: argument validation with messages
 * that say what would be right, base URL and Azure URL resolution, the API key rule and the {@code
 * User-Agent}. Kept here so the public builder holds only its settings and Javadoc.
 */
public final class ClientOptions {
  private static final String VERSION_RESOURCE = "/dev/llmkit/openai/version.properties";

  private ClientOptions() {}

  /** Returns {@code d}, failing when it is null or negative; {@code name} names the setting. */
  public static Duration nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name + " == null");
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " is " + d + "; it must not be negative");
    }
    return d;
  }

  /** Returns {@code value} stripped, failing when it is null or blank. */
  public static String requireText(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return value.strip();
  }

  /** Returns null for a null or blank value, else the value stripped. */
  public static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Returns {@code bytes} when it is at least 1 KiB. */
  public static int maxStreamEventSize(int bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException(
          "maxStreamEventSize is " + bytes + " bytes; it must be at least 1024");
    }
    return bytes;
  }

  /** Returns {@code maxRetries} when it is within 0 to 100. */
  public static int maxRetries(int maxRetries) {
    if (maxRetries < 0 || maxRetries > 100) {
      throw new IllegalArgumentException(
          "maxRetries is " + maxRetries + "; allowed range is 0 to 100");
    }
    return maxRetries;
  }

  /**
   * Parses an API root such as {@code https://api.openai.com/v1}; a trailing slash is added when
   * missing so that relative endpoint paths resolve below it.
   */
  public static HttpUrl parseUrl(String text, String name) {
    HttpUrl url = HttpUrl.parse(text.endsWith("/") ? text : text + "/");
    if (url == null) {
      throw new IllegalArgumentException(
          name + " '" + text + "' is not an http(s) URL; expected e.g. https://api.openai.com/v1");
    }
    return url;
  }

  /**
   * Returns {@code {endpoint}/openai/deployments/{deployment}/}; a trailing /openai is tolerated.
   */
  public static HttpUrl azureUrl(String endpoint, String deployment) {
    String root = endpoint.replaceAll("/+$", "");
    if (root.endsWith("/openai")) {
      root = root.substring(0, root.length() - "/openai".length());
    }
    return parseUrl(root, "azure endpoint")
        .newBuilder()
        .addPathSegment("openai")
        .addPathSegment("deployments")
        .addPathSegment(deployment)
        .addPathSegment("")
        .build();
  }

  /**
   * Returns the key to send: {@code apiKey}, or "" when none was given and the server may need
   * none. OpenAI's own API and Azure always need one.
   */
  public static String apiKey(@Nullable String apiKey, HttpUrl url, boolean azure) {
    String key = apiKey;
    if (key == null) {
      if (azure || url.host().equals("api.openai.com")) {
        throw new IllegalArgumentException(
            "OpenAI API key is missing: set the environment "
                + "variable OPENAI_API_KEY or the property llmkit.openai.api-key, or call "
                + "apiKey(...). For a server that needs no key, call apiKey(\"\").");
      }
      key = "";
    }
    HeaderChecks.checkValue(key, "API key");
    return key;
  }

  /** Returns {@code llmkit/<version>}, the version read from the jar's version.properties. */
  public static String userAgent() {
    String version = "unknown";
    try (InputStream in = ClientOptions.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        version = p.getProperty("version", version);
      }
    } catch (IOException e) {
      // keep "unknown"
    }
    return "llmkit/" + version;
  }
}
