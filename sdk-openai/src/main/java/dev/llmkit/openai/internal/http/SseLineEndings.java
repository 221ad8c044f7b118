package dev.llmkit.openai.internal.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.Okio;
import okio.Source;
import okio.Timeout;

/**
 * Rewrites the line endings of {@code text/event-stream} bodies to LF as the bytes arrive, and
 * bounds the size of a line and of an event. CRLF becomes LF and a lone CR becomes LF: okhttp-sse's
 * reader fails on CR-only {@code event:} lines and, after a CR, waits for the next byte to rule
 * out CRLF, which stalls the last event of a CR-terminated stream. The rewrite needs no
 * lookahead, so it never blocks, and cannot split UTF-8 characters (CR and LF bytes never occur
 * inside one). Data without CR is copied in bulk, segment by segment.
 *
 * <p>A line or an event (the lines up to a blank line) longer than {@code maxEventBytes} fails
 * the read with {@link EventTooLargeException} before more of it is buffered, so a server cannot
 * exhaust the heap with one endless line. A body that ends in the middle of a line fails with
 * {@link CutMidLineException}: the last event is incomplete.
 */
final class SseLineEndings implements Interceptor {
  private final long maxEventBytes;

  SseLineEndings(long maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    MediaType type = body.contentType();
    if (!response.isSuccessful() || type == null || !"text".equals(type.type())
        || !"event-stream".equals(type.subtype())) {
      return response;
    }
    ResponseBody normalized = ResponseBody.create(
        Okio.buffer(new Normalizing(body.source(), maxEventBytes)), type, -1L);
    return response.newBuilder().body(normalized).build();
  }

  /** A line or event exceeded the configured maximum. */
  static final class EventTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    EventTooLargeException(String message) {
      super(message);
    }
  }

  /** The body ended in the middle of a line. */
  static final class CutMidLineException extends IOException {
    private static final long serialVersionUID = 1L;

    CutMidLineException(String message) {
      super(message);
    }
  }

  /** Streams bytes through, mapping CRLF and CR to LF and counting line and event sizes. */
  static final class Normalizing implements Source {
    private final Source upstream;
    private final long maxEventBytes;
    private final Buffer raw = new Buffer();
    private boolean lastWasCr;
    private long lineBytes;
    private long eventBytes;

    Normalizing(Source upstream, long maxEventBytes) {
      this.upstream = upstream;
      this.maxEventBytes = maxEventBytes;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long n = upstream.read(raw, Math.max(1, Math.min(byteCount, 8192)));
      if (n == -1) {
        if (lineBytes > 0) {
          throw new CutMidLineException("the event stream ended in the middle of a line ("
              + lineBytes + " bytes after the last line break); the response was cut off");
        }
        return -1;
      }
      long written = 0;
      while (!raw.exhausted()) {
        if (lastWasCr) {
          lastWasCr = false;
          if (raw.getByte(0) == '\n') {
            raw.skip(1);
            continue;
          }
        }
        long cr = raw.indexOf((byte) '\r');
        long plain = cr == -1 ? raw.size() : cr;
        if (plain > 0) {
          count(plain);
          sink.write(raw, plain);
          written += plain;
        }
        if (cr != -1) {
          raw.skip(1);
          endLine();
          sink.writeByte('\n');
          written++;
          lastWasCr = true;
        }
      }
      return written;
    }

    /** Counts the first {@code length} bytes of {@code raw}, which hold no CR. */
    private void count(long length) throws IOException {
      long from = 0;
      while (from < length) {
        long lf = raw.indexOf((byte) '\n', from, length);
        long end = lf == -1 ? length : lf;
        lineBytes += end - from;
        eventBytes += end - from;
        if (lineBytes > maxEventBytes || eventBytes > maxEventBytes) {
          throw new EventTooLargeException("a server-sent event exceeded the limit of "
              + maxEventBytes + " bytes (maxStreamEventSize) without a "
              + (lineBytes > maxEventBytes ? "line break" : "blank line ending the event"));
        }
        if (lf == -1) {
          return;
        }
        endLine();
        from = lf + 1;
      }
    }

    private void endLine() {
      if (lineBytes == 0) {
        eventBytes = 0; // a blank line dispatches the event
      }
      lineBytes = 0;
    }

    @Override
    public Timeout timeout() {
      return upstream.timeout();
    }

    @Override
    public void close() throws IOException {
      upstream.close();
    }
  }
}
