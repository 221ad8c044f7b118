package dev.llmkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmkit.LlmApiException;
import dev.llmkit.chat.ChatChunks;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.completion.CompletionChunks;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.openai.OpenAiClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The secret-leak scan of issue 15, in one test: every error path of the OpenAI client (error
 * statuses, redirects within and across hosts, retries, malformed bodies, cut connections, SSE
 * faults, timeouts, an unreachable host), with a Bearer key, an Azure {@code api-key}, custom
 * credential headers with odd values and a {@code user:password@} base URL, and the CLI with {@code
 * --debug} and bad arguments. Servers echo every credential they receive back in bodies and
 * headers. With SLF4J at TRACE and JUL at ALL, everything written is collected: log files and
 * records, stdout/stderr, every exception's message, {@code toString()}, causes, suppressed ones,
 * {@code rawBody()}, {@code serverMessage()} and response headers, and the CLI's output. No secret
 * may appear, neither plain nor after undoing JSON/Java {@code \\u} escapes and URL
 * percent-encoding, nor base64-encoded.
 *
 * <p>SLF4J must be configured before anything logs, so this class runs in its own surefire
 * execution ({@code secret-leak-scan} in cli/pom.xml), or alone with {@code -Dtest}.
 */
class SecretLeakScanTest {
  private static final Path LOG_FILE = Path.of("target", "secret-leak-scan.log");

  static {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "trace");
    System.setProperty("org.slf4j.simpleLogger.logFile", LOG_FILE.toString());
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "false");
  }

  private static final String KEY = "sk-" + core();
  private static final String AZURE_KEY = core();
  private static final String PASSWORD = "pw-" + core();

  /** Custom credential header values, odd characters included. */
  private static final List<String> HEADER_VALUES =
      List.of(
          "gw-" + core() + "\n",
          "gw-" + core() + " with space",
          "gw-" + core() + "é",
          "\t gw-" + core() + " ",
          "gw-" + core() + " \"quoted\\ back\tslash");

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension elsewhere =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final StringBuilder seen = new StringBuilder();
  private int failures;

  private static String core() {
    byte[] bytes = new byte[12];
    new java.security.SecureRandom().nextBytes(bytes);
    return "SECRET" + HexFormat.of().formatHex(bytes);
  }

  /** A body echoing every credential header the server received, JSON-escaped as servers do. */
  private static final String ECHO =
      "{{request.headers.Authorization}} {{request.headers.api-key}}"
          + " {{request.headers.X-Api-Key}} {{request.headers.X-Custom-Auth}}";

  private static String errorBody() {
    return "{\"error\": {\"message\": \"bad credentials: "
        + ECHO
        + "\", \"type\": \"x\","
        + " \"code\": \""
        + ECHO
        + "\", \"param\": \""
        + ECHO
        + "\"}}";
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder echo(
      int status, String body, String contentType) {
    return aResponse()
        .withStatus(status)
        .withTransformers("response-template")
        .withHeader("Content-Type", contentType)
        .withHeader("x-echo", ECHO)
        .withHeader("www-authenticate", "Bearer realm=" + ECHO)
        .withHeader("x-request-id", "req_" + ECHO)
        .withBody(body);
  }

  @Test
  void noErrorPathOrLogLineEverShowsACredential() throws Exception {
    // run with other tests in one JVM (a -Dtest list), SLF4J was configured before this class:
    // the scan would miss TRACE output, so it runs only alone or in its own execution
    assumeTrue(
        LoggerFactory.getLogger("dev.llmkit.openai.http").isTraceEnabled(),
        "SLF4J is not at TRACE: run alone (-Dtest=SecretLeakScanTest) or in secret-leak-scan");
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    Level rootLevel = root.getLevel();
    Handler jul = julCapture();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    root.setLevel(Level.ALL);
    root.addHandler(jul);
    System.setOut(capture);
    System.setErr(capture);
    try {
      openAiErrorPaths();
      cliErrorPaths();
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.removeHandler(jul);
      root.setLevel(rootLevel);
    }
    seen.append(console.toString(StandardCharsets.UTF_8));
    String log = Files.readString(LOG_FILE, StandardCharsets.UTF_8);
    seen.append(log);

    assertThat(log)
        .as("the HTTP log ran")
        .contains("--> POST")
        .contains("<-- 401")
        .contains("retry");
    assertThat(failures).as("error paths that failed as they should").isGreaterThan(60);
    assertThat(api.getAllServeEvents().stream().map(e -> e.getRequest().getHeader("Authorization")))
        .as("the key was in play")
        .contains("Bearer " + KEY);
    for (LoggedRequest r :
        elsewhere.getAllServeEvents().stream().map(e -> e.getRequest()).toList()) {
      assertThat(r.toString())
          .as("a cross-host redirect carried a credential")
          .doesNotContain("SECRET");
    }
    assertNoSecret(seen.toString());
    System.out.printf(
        "secret-leak scan: %d failed calls and CLI runs, %d HTTP log lines, %,d"
            + " characters of logs, exceptions and output scanned, no secret found%n",
        failures, log.lines().count(), seen.length());
  }

  private void openAiErrorPaths() {
    String base = api.baseUrl() + "/v1";
    for (String value : HEADER_VALUES) { // what OkHttp cannot send is refused: is that quiet?
      try {
        OpenAiClient.builder().header("X-Api-Key", value);
      } catch (IllegalArgumentException e) {
        failures++;
        collect(e, 0);
      }
    }
    // every status, echoed credentials in body and headers; blocking and streaming
    for (int status : new int[] {400, 401, 403, 404, 422, 429, 503}) {
      api.resetAll();
      api.stubFor(
          any(anyUrl())
              .willReturn(
                  echo(status, errorBody(), "application/json").withHeader("Retry-After", "0")));
      everyCall(base, status == 429 ? 1 : 0, status == 401 || status == 429);
    }
    api.resetAll(); // retried after a back-off: fewer calls
    api.stubFor(any(anyUrl()).willReturn(echo(500, errorBody(), "application/json")));
    everyCall(base, 1, false, 1);
    api.resetAll();
    api.stubFor(
        any(anyUrl()).willReturn(echo(502, "<html><body>" + ECHO + "</body></html>", "text/html")));
    everyCall(base, 0, false);
    // redirects, within the host and to another host that echoes what it got
    for (int status : new int[] {301, 302, 307, 308}) {
      api.resetAll();
      elsewhere.resetAll();
      api.stubFor(
          any(anyUrl())
              .willReturn(
                  aResponse()
                      .withStatus(status)
                      .withHeader("Location", elsewhere.baseUrl() + "/v1/chat/completions")));
      elsewhere.stubFor(any(anyUrl()).willReturn(echo(401, errorBody(), "application/json")));
      everyCall(base, 0, status == 307);
      api.resetAll();
      api.stubFor(
          any(anyUrl())
              .willReturn(
                  aResponse()
                      .withStatus(status)
                      .withHeader("Location", "/v1/moved?k=" + ECHO)
                      .withTransformers("response-template")));
      everyCall(base, 0, false);
    }
    // malformed bodies of a 200, each carrying the echoed credentials
    for (String body :
        new String[] {
          "{\"choices\": \"" + ECHO + "\"}",
          "{\"id\": \"" + ECHO,
          "[{\"" + ECHO + "\": 1}]",
          "{\"choices\": [null], \"x\": \"" + ECHO + "\"}",
          "not json " + ECHO
        }) {
      api.resetAll();
      api.stubFor(any(anyUrl()).willReturn(echo(200, body, "application/json")));
      everyCall(base, 0, body.startsWith("{\"choices\": \""));
    }
    // SSE faults: error events, malformed chunks, over-long lines, cut streams
    for (String sse :
        new String[] {
          "data: {\"error\": {\"message\": \"" + ECHO + "\"}}\n\n",
          "data: {\"choices\": \"" + ECHO + "\"}\n\n",
          "data: {\"id\": \"" + ECHO + "\n\n",
          "event: error\ndata: " + ECHO + "\n\n",
          "data: " + "x".repeat(3000) + ECHO + "\n\n",
          ": "
              + ECHO
              + "\n\ndata: {\"id\": \"c\", \"choices\": [{\"index\": 0, \"delta\": {"
              + "\"content\": \""
              + ECHO
              + "\"}}]}\n\ndata: {\"choices\": [{\"index\": 0, \"de"
        }) {
      api.resetAll();
      api.stubFor(any(anyUrl()).willReturn(echo(200, sse, "text/event-stream")));
      everyCall(base, 0, false);
    }
    // cut connections and timeouts
    for (Fault fault : Fault.values()) {
      api.resetAll();
      api.stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));
      everyCall(
          base,
          fault == Fault.CONNECTION_RESET_BY_PEER ? 1 : 0,
          false,
          fault == Fault.CONNECTION_RESET_BY_PEER ? 1 : 3);
    }
    api.resetAll();
    api.stubFor(
        any(anyUrl())
            .willReturn(echo(200, "data: {}\n\n", "text/event-stream").withFixedDelay(700)));
    everyCall(base, 0, false, 1);
    // nothing listens there
    call(
        OpenAiClient.builder()
            .apiKey(KEY)
            .baseUrl("http://alice:" + PASSWORD + "@127.0.0.1:1/v1")
            .maxRetries(1),
        c -> c.chat().chat(request()));
  }

  /**
   * Chat (blocking and streamed), completions (streamed), embeddings and models on three clients
   * (Bearer key with a {@code user:password@} base URL and a custom header with a trailing line
   * break; Bearer key with odd custom header values; Azure {@code api-key} with a custom header);
   * with {@code all} false only chat, blocking and streamed.
   */
  private void everyCall(String base, int retries, boolean all) {
    everyCall(base, retries, all, 3);
  }

  /** {@link #everyCall(String, int, boolean)} on the first {@code clientCount} clients. */
  private void everyCall(String base, int retries, boolean all, int clientCount) {
    String withPassword = base.replace("http://", "http://alice:" + PASSWORD + "@");
    List<OpenAiClient.Builder> clients =
        List.of(
            OpenAiClient.builder()
                .apiKey(KEY)
                .baseUrl(withPassword)
                .header("X-Api-Key", HEADER_VALUES.get(0)),
            OpenAiClient.builder()
                .apiKey(KEY)
                .baseUrl(base)
                .header("X-Api-Key", HEADER_VALUES.get(4))
                .header("X-Custom-Auth", HEADER_VALUES.get(3)),
            OpenAiClient.builder()
                .apiKey(AZURE_KEY)
                .azure(api.baseUrl(), "gpt", "2024-10-21")
                .header("X-Custom-Auth", HEADER_VALUES.get(1)));
    for (OpenAiClient.Builder b : clients.subList(0, clientCount)) {
      b.maxRetries(retries)
          .timeout(Duration.ofSeconds(5))
          .streamFirstTokenTimeout(Duration.ofMillis(500))
          .maxStreamEventSize(1024);
      call(b, c -> c.chat().chat(request()));
      call(
          b,
          c ->
              ChatChunks.aggregate(c.chat().stream(request()))
                  .timeout(10, TimeUnit.SECONDS)
                  .blockingGet());
      if (!all) {
        continue;
      }
      call(
          b,
          c ->
              CompletionChunks.aggregate(
                      c.completions().stream(
                          CompletionRequest.builder().model("m").prompt("p").build()))
                  .timeout(10, TimeUnit.SECONDS)
                  .blockingGet());
      call(b, c -> c.embeddings().embed(EmbeddingRequest.builder().model("e").input("x").build()));
      call(b, c -> c.models().list());
    }
  }

  private static ChatRequest request() {
    return ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hi").build();
  }

  private void call(OpenAiClient.Builder builder, Consumer<OpenAiClient> action) {
    try (OpenAiClient client = builder.build()) {
      seen.append(client).append('\n');
      action.accept(client);
    } catch (Throwable t) { // every failure is collected, whatever its type
      failures++;
      collect(t, 0);
    }
  }

  private void collect(Throwable t, int depth) {
    if (t == null || depth > 8) {
      return;
    }
    seen.append(t)
        .append('\n')
        .append(t.getMessage())
        .append('\n')
        .append(t.getLocalizedMessage())
        .append('\n');
    if (t instanceof LlmApiException api) {
      seen.append(api.rawBody())
          .append('\n')
          .append(api.serverMessage())
          .append('\n')
          .append(api.responseHeaders())
          .append('\n')
          .append(api.errorCode())
          .append('\n')
          .append(api.param())
          .append('\n');
    }
    java.io.StringWriter trace = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(trace));
    seen.append(trace);
    for (Throwable s : t.getSuppressed()) {
      collect(s, depth + 1);
    }
    collect(t.getCause(), depth + 1);
  }

  private void cliErrorPaths() {
    String base = api.baseUrl() + "/v1";
    String withPassword = base.replace("http://", "http://alice:" + PASSWORD + "@");
    api.resetAll();
    api.stubFor(any(anyUrl()).willReturn(echo(401, errorBody(), "application/json")));
    List<List<String>> runs = new ArrayList<>();
    for (String url : new String[] {base, withPassword}) {
      runs.add(
          List.of(
              "--debug",
              "chat",
              "--provider",
              "openai",
              "--base-url",
              url,
              "--api-key",
              KEY,
              "-Dllmkit.openai.max-retries=1",
              "Hi"));
      runs.add(
          List.of(
              "chat",
              "--debug",
              "--stream",
              "--provider",
              "openai",
              "--base-url",
              url,
              "--api-key",
              KEY,
              "-Dllmkit.openai.headers.X-Api-Key=" + HEADER_VALUES.get(1),
              "Hi"));
      runs.add(
          List.of(
              "chat",
              "--debug",
              "--provider",
              "openai",
              "--base-url",
              url,
              "--api-key",
              KEY,
              "-Dllmkit.openai.headers.X-Custom-Auth=" + HEADER_VALUES.get(4),
              "Hi"));
      runs.add(
          List.of(
              "models",
              "list",
              "--debug",
              "--provider",
              "openai",
              "--base-url",
              url,
              "--api-key",
              KEY));
    }
    runs.add(
        List.of(
            "chat",
            "--debug",
            "--provider",
            "openai",
            "--api-key",
            AZURE_KEY,
            "-Dllmkit.openai.azure.endpoint=" + api.baseUrl(),
            "-Dllmkit.openai.azure.deployment=gpt",
            "-Dllmkit.openai.azure.api-version=2024-10-21",
            "Hi"));
    // bad arguments that carry a key
    runs.add(List.of("--api-key", KEY, "chat", "Hi"));
    runs.add(List.of("chat", "--apikey=" + KEY, "Hi"));
    runs.add(List.of("chat", "--api-key=" + KEY, "--set", "openai.api-key", "Hi"));
    runs.add(List.of("chat", "--set", "openai.api-key=" + KEY, "--set", "bogus=" + KEY, "Hi"));
    runs.add(
        List.of(
            "--debug",
            "chat",
            "--provider",
            "openai",
            "--base-url",
            withPassword,
            "--api-key",
            KEY,
            "--temperature",
            KEY,
            "Hi"));
    runs.add(
        List.of(
            "--debug",
            "chat",
            "--provider",
            "openai",
            "--base-url",
            "http://alice:" + PASSWORD + "@127.0.0.1:1/v1",
            "--api-key",
            KEY,
            "Hi"));
    for (List<String> args : runs) {
      Cli.Result r = Cli.run(Map.of("OPENAI_API_KEY", KEY), "", args.toArray(String[]::new));
      seen.append(r.out()).append('\n').append(r.err()).append('\n');
      if (r.exitCode() != 0) {
        failures++;
      }
    }
  }

  private Handler julCapture() {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        synchronized (seen) {
          seen.append(record.getLoggerName())
              .append(' ')
              .append(record.getMessage())
              .append(' ')
              .append(java.util.Arrays.toString(record.getParameters()))
              .append('\n');
          if (record.getThrown() != null) {
            collect(record.getThrown(), 0);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  /** Fails if any secret shows in {@code text}, plain or in an escaped or encoded form. */
  private static void assertNoSecret(String text) {
    Map<String, String> needles = new LinkedHashMap<>();
    List<String> secrets = new ArrayList<>(List.of(KEY, AZURE_KEY, PASSWORD));
    secrets.addAll(HEADER_VALUES);
    for (String s : secrets) {
      String core = s.substring(s.indexOf("SECRET")).substring(0, 30);
      needles.put(core, s);
      Base64.Encoder b64 = Base64.getEncoder();
      needles.put(b64.encodeToString(s.strip().getBytes(StandardCharsets.UTF_8)), s);
      needles.put(
          b64.encodeToString(("Bearer " + s.strip()).getBytes(StandardCharsets.UTF_8))
              .substring(8, 30),
          s);
    }
    needles.put(
        Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
        PASSWORD);
    String unescaped = decodePercent(unescapeU(text));
    for (Map.Entry<String, String> n : needles.entrySet()) {
      for (String haystack : new String[] {text, unescaped}) {
        int at = haystack.indexOf(n.getKey());
        assertThat(at)
            .as(
                "secret %s shows in: %s",
                n.getValue().strip(),
                at < 0
                    ? ""
                    : haystack.substring(
                        Math.max(0, at - 300), Math.min(haystack.length(), at + 100)))
            .isNegative();
      }
    }
  }

  private static String unescapeU(String s) {
    Matcher m = Pattern.compile("\\\\+u([0-9a-fA-F]{4})").matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }
    return m.appendTail(out).toString();
  }

  private static String decodePercent(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) { // a stray %: decode the well-formed parts only
      Matcher m = Pattern.compile("(%[0-9a-fA-F]{2})+").matcher(s);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(
            out, Matcher.quoteReplacement(URLDecoder.decode(m.group(), StandardCharsets.UTF_8)));
      }
      return m.appendTail(out).toString();
    }
  }
}
