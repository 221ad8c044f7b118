package dev.llmkit.openai.internal.http;

import com.fasterxml.jackson.core.JacksonException;
import dev.llmkit.LlmApiException;
import dev.llmkit.LlmException;
import dev.llmkit.LlmIoException;
import dev.llmkit.LlmStreamException;
import dev.llmkit.openai.internal.wire.ErrorDto;
import dev.llmkit.openai.internal.wire.WireJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Turns HTTP error responses, I/O failures and malformed bodies into llmkit's exception types.
 * Every message passes through {@link #redact}, which removes the client's {@link Secrets}.
 */
public final class ErrorMapper {
  /** How much of an error body is read; {@link LlmApiException} keeps 4 KiB of it. */
  static final long MAX_ERROR_BODY = 64 * 1024;

  private final String provider;
  private final Secrets secrets;
  private final Clock clock;

  public ErrorMapper(String provider, Secrets secrets, Clock clock) {
    this.provider = provider;
    this.secrets = secrets;
    this.clock = clock;
  }

  public String provider() {
    return provider;
  }

  /** Maps a non-2xx response; reads at most 64 KiB of its body. */
  public LlmException fromResponse(int status, Headers headers, @Nullable ResponseBody body) {
    String text = "";
    String contentType = null;
    if (body != null) {
      contentType = body.contentType() == null ? null : String.valueOf(body.contentType());
      try {
        text = body.source().peek().readUtf8(Math.min(MAX_ERROR_BODY, available(body)));
      } catch (IOException e) {
        text = "";
      }
    }
    return fromResponse(status, headers, contentType, text);
  }

  private static long available(ResponseBody body) throws IOException {
    body.source().request(MAX_ERROR_BODY);
    return body.source().getBuffer().size();
  }

  LlmException fromResponse(
      int status, Headers headers, @Nullable String contentType, String text) {
    String requestId = nullable(headers.get("x-request-id"));
    Duration retryAfter = RetryAfter.parse(headers, clock);
    ErrorDto error = parseError(text);
    String safeBody = redact(text);
    if (error == null) {
      String message =
          text.isBlank()
              ? "HTTP " + status + " with an empty body"
              : "HTTP "
                  + status
                  + " with a non-JSON body"
                  + (contentType == null ? "" : " (" + contentType + ")")
                  + ": "
                  + excerpt(safeBody);
      return LlmApiException.builder(provider, status)
          .requestId(requestId)
          .retryAfter(retryAfter)
          .message(message)
          .rawBody(safeBody)
          .responseHeaders(safeHeaders(headers))
          .build();
    }
    String message =
        error.message() == null || error.message().isBlank()
            ? "HTTP " + status
            : redact(error.message());
    return LlmApiException.builder(provider, status)
        .errorType(nullable(error.type()))
        .errorCode(nullable(code(error)))
        .param(nullable(error.param()))
        .requestId(requestId)
        .retryAfter(retryAfter)
        .message(message)
        .rawBody(safeBody)
        .responseHeaders(safeHeaders(headers))
        .build();
  }

  /**
   * The headers as a multimap with lower-case names, every value passed through {@link #redact}.
   */
  private Map<String, List<String>> safeHeaders(Headers headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      out.computeIfAbsent(headers.name(i).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(redact(headers.value(i)));
    }
    return out;
  }

  /**
   * Maps an {@code {"error": ...}} object found inside a 200 stream. When it carries an HTTP status
   * (as a numeric {@code code} or {@code status}, as some compatible servers send) it becomes the
   * matching {@link LlmApiException}, else an {@link LlmStreamException}.
   */
  public LlmException fromStreamError(
      ErrorDto error, String rawData, @Nullable String rawRequestId) {
    String requestId = nullable(rawRequestId);
    String message = error.message() == null ? "" : redact(error.message());
    Integer status = statusOf(error.code());
    if (status == null) {
      status = statusOf(error.extra().get("status"));
    }
    if (status != null) {
      return LlmApiException.builder(provider, status)
          .errorType(nullable(error.type()))
          .errorCode(nullable(code(error)))
          .param(nullable(error.param()))
          .requestId(requestId)
          .message(message)
          .rawBody(redact(rawData))
          .build();
    }
    StringBuilder sb = new StringBuilder("error event in stream");
    String code = nullable(code(error) != null ? code(error) : error.type());
    if (code != null) {
      sb.append(": ").append(code);
    }
    if (!message.isBlank()) {
      sb.append(": ").append(message);
    }
    return new LlmStreamException(provider, sb.append(quote(requestId)).toString());
  }

  /**
   * Maps an okhttp-sse failure. An error status maps like any response; an I/O failure before the
   * first event is an {@link LlmIoException}, after it an {@link LlmStreamException}.
   */
  public LlmException fromStreamFailure(
      @Nullable Throwable t, @Nullable Response response, int events, @Nullable String requestId) {
    if (response != null && !response.isSuccessful()) {
      return fromResponse(response.code(), response.headers(), response.body());
    }
    if (response != null && t instanceof IllegalStateException) {
      ResponseBody body = response.body();
      String type = body == null ? null : String.valueOf(body.contentType());
      String text = "";
      try {
        text = body == null ? "" : body.source().peek().readUtf8(Math.min(4096, available(body)));
      } catch (IOException e) {
        text = "";
      }
      return new LlmStreamException(
          provider,
          "expected a text/event-stream response but got "
              + type
              + (text.isBlank() ? "" : ": " + excerpt(redact(text))));
    }
    if (t instanceof SseLineEndings.FormatException e) {
      return new LlmStreamException(
          provider, e.getMessage() + " after " + events + " events" + quote(requestId), e);
    }
    if (t instanceof IOException e) {
      if (events == 0) {
        return io(e);
      }
      return new LlmStreamException(
          provider,
          "stream interrupted after "
              + events
              + " events: "
              + redact(e.toString())
              + quote(requestId),
          safeCause(e));
    }
    return new LlmStreamException(
        provider, "stream failed: " + redact(String.valueOf(t)), t == null ? null : safeCause(t));
  }

  /** Maps a failure of a blocking or async call. */
  public LlmException fromThrowable(Throwable t) {
    if (t instanceof LlmException e) {
      return e;
    }
    if (t instanceof JacksonException e) {
      IOException io = transportCause(e);
      if (io != null) {
        return io(io); // the connection failed while the body was being parsed
      }
      String message = String.valueOf(e.getOriginalMessage());
      if (message.contains("Invalid UTF-8")) {
        return new LlmException(
            provider, "the response is not valid UTF-8: " + redact(message), safeCause(e));
      }
      return new LlmException(
          provider, "malformed JSON in the response: " + redact(message), safeCause(e));
    }
    if (t instanceof IOException e) {
      return io(e);
    }
    return new LlmException(
        provider, "unexpected failure: " + redact(String.valueOf(t)), safeCause(t));
  }

  /** The first cause of {@code e} that is an I/O failure rather than a JSON problem, or null. */
  private static @Nullable IOException transportCause(Throwable e) {
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof IOException io && !(c instanceof JacksonException)) {
        return io;
      }
    }
    return null;
  }

  /**
   * {@code t}, or, when its message or a cause's carries a secret (a JSON parser quotes the token
   * it choked on, which can be a key the server echoed), a copy of the chain with each message
   * redacted, the original class names and stack traces kept.
   */
  public Throwable safeCause(Throwable t) {
    boolean leaks = false;
    int depth = 0;
    for (Throwable c = t; c != null && depth < 16; c = c.getCause(), depth++) {
      String m = c.getMessage();
      leaks |= m != null && !redact(m).equals(m);
    }
    return leaks ? redactedCopy(t, 0) : t;
  }

  private Throwable redactedCopy(Throwable t, int depth) {
    Throwable cause =
        t.getCause() == null || depth >= 16 ? null : redactedCopy(t.getCause(), depth + 1);
    Exception copy =
        new Exception(
            t.getClass().getName()
                + (t.getMessage() == null ? "" : ": " + redact(t.getMessage()))
                + " (redacted)",
            cause);
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  /** Maps an I/O failure; timeouts set {@link LlmIoException#isTimeout()}. */
  public LlmIoException io(IOException e) {
    boolean timeout =
        e instanceof SocketTimeoutException
            || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()));
    String what = timeout ? "timed out" : "could not be reached";
    String message = provider + " " + what + ": " + redact(String.valueOf(e.getMessage()));
    return timeout
        ? LlmIoException.timeout(provider, message, e)
        : new LlmIoException(provider, message, e);
  }

  /** Removes the client's secrets from text bound for messages. */
  public String redact(@Nullable String text) {
    return secrets.redact(text);
  }

  /**
   * {@link #redact} for the short fields of an error (type, code, param, request id): a server that
   * echoes a credential there must not hand it to the caller either; null stays null.
   */
  private @Nullable String nullable(@Nullable String text) {
    return text == null ? null : redact(text);
  }

  private @Nullable ErrorDto parseError(String text) {
    String t = text.strip();
    if (!t.startsWith("{")) {
      return null;
    }
    try {
      ErrorDto.Envelope envelope = WireJson.MAPPER.readValue(t, ErrorDto.Envelope.class);
      if (envelope.error() != null) {
        return envelope.error();
      }
      // Some servers answer {"message": "...", "type": "..."} without the envelope.
      ErrorDto flat = WireJson.MAPPER.readValue(t, ErrorDto.class);
      return flat.message() == null ? null : flat;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static @Nullable String code(ErrorDto error) {
    return error.code() == null ? null : String.valueOf(error.code());
  }

  private static @Nullable Integer statusOf(@Nullable Object value) {
    int n;
    if (value instanceof Number num) {
      n = num.intValue();
    } else if (value instanceof String s && s.matches("\\d{3}")) {
      n = Integer.parseInt(s);
    } else {
      return null;
    }
    return n >= 400 && n <= 599 ? n : null;
  }

  /** {@code " (request req_1)"}, or "" without an id. */
  static String quote(@Nullable String requestId) {
    return requestId == null || requestId.isBlank() ? "" : " (request " + requestId + ")";
  }

  static String excerpt(String text) {
    String flat = text.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
  }
}
