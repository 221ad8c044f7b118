package dev.llmkit.openai.internal.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The credentials of one client, and the rules that keep them out of messages and logs: the API
 * key, the values of configured headers whose name marks a credential ({@link #isSecretName}), and
 * the password of a {@code user:pass@} base URL. {@link #redact} replaces each of them, also in
 * their JSON-escaped and URL-encoded forms (a server that echoes a key writes it escaped), and
 * anything that looks like an OpenAI key or a bearer token.
 */
public final class Secrets {
  /** Values shorter than this are not treated as secrets: replacing them would garble text. */
  private static final int MIN_LENGTH = 4;

  private static final String MASK = "***";

  /**
   * OpenAI-style keys ({@code sk-…}, {@code sk-proj-…}) and bearer tokens; the same patterns as
   * sdk-api's exception messages use, kept here because a module never uses another's internals.
   */
  private static final Pattern SECRET_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_\\-*]{4,}");

  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=\\-*]+");

  private final List<String> values;

  private Secrets(Set<String> values) {
    this.values =
        values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** Collects the secrets of a client configuration. */
  public static Secrets of(String apiKey, Map<String, String> extraHeaders, HttpUrl baseUrl) {
    Set<String> raw = new LinkedHashSet<>();
    raw.add(apiKey);
    extraHeaders.forEach(
        (name, value) -> {
          if (isSecretName(name)) {
            raw.add(value.strip());
            int space = value.strip().indexOf(' ');
            if (space > 0) {
              raw.add(
                  value.strip().substring(space + 1).strip()); // "Bearer <token>", "Basic <b64>"
            }
          }
        });
    if (!baseUrl.password().isEmpty()) {
      raw.add(baseUrl.password());
      raw.add(baseUrl.encodedPassword());
    }
    Set<String> all = new LinkedHashSet<>();
    for (String s : raw) {
      if (s.length() >= MIN_LENGTH) {
        all.add(s);
        // the runs of letters and digits of a value with other characters in it: they survive
        // any escaping or encoding of the value (percent-encoded in a URL, a tab dropped)
        for (String part : s.split("[^A-Za-z0-9_\\-]+")) {
          if (part.length() >= 8 && part.length() < s.length()) {
            all.add(part);
          }
        }
        all.add(new String(JsonStringEncoder.getInstance().quoteAsString(s)));
        all.add(new String(JsonStringEncoder.getInstance().quoteAsString(s)).replace("/", "\\/"));
      }
    }
    return new Secrets(all);
  }

  /**
   * Whether a header of this name carries a credential: its name contains {@code authorization},
   * {@code auth}, {@code key}, {@code token}, {@code secret}, {@code password} or {@code cookie}.
   */
  public static boolean isSecretName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("auth")
        || n.contains("key")
        || n.contains("token")
        || n.contains("secret")
        || n.contains("password")
        || n.contains("cookie");
  }

  /** Returns {@code text} with every known secret and anything key-like replaced by ***. */
  public String redact(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String result = text;
    for (String secret : values) {
      if (result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    return BEARER
        .matcher(SECRET_KEY.matcher(result).replaceAll("sk-" + MASK))
        .replaceAll("$1" + MASK);
  }

  /**
   * Renders {@code url} for a message or log: a user name and password become {@code ***}, and so
   * do the values of query parameters whose name marks a credential ({@code api_key=…}).
   */
  public static String safeUrl(HttpUrl url) {
    if (url.username().isEmpty() && url.password().isEmpty() && !hasSecretQuery(url)) {
      return url.toString();
    }
    HttpUrl.Builder b = url.newBuilder();
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      b.username(MASK).password("");
    }
    for (String name : url.queryParameterNames()) {
      if (isSecretName(name)) {
        b.setQueryParameter(name, MASK);
      }
    }
    return b.build().toString();
  }

  private static boolean hasSecretQuery(HttpUrl url) {
    for (String name : url.queryParameterNames()) {
      if (isSecretName(name)) {
        return true;
      }
    }
    return false;
  }
}
