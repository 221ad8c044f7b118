package dev.llmkit.openai.internal.http;

import java.io.IOException;
import java.util.Objects;
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
 * reader fails on CR-only {@code event:} lines and, after a CR, waits for the next byte to rule out
 * CRLF, which stalls the last event of a CR-terminated stream. The rewrite needs no lookahead, so
 * it never blocks, and cannot split UTF-8 characters (CR and LF bytes never occur inside one). Data
 * without CR is copied in bulk, segment by segment.
 *
 * <p>A line or an event (the lines up to a blank line) longer than {@code maxEventBytes} fails the
 * read with {@link EventTooLargeException} before more of it is buffered, so a server cannot
 * exhaust the heap with one endless line. Bytes that are not UTF-8 fail it with {@link
 * InvalidUtf8Exception}, as a blocking call's JSON parser rejects them (okhttp-sse would replace
 * them with U+FFFD). A body that ends in the middle of a line fails with {@link
 * CutMidLineException}: the last event is incomplete.
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
    if (!response.isSuccessful()
        || type == null
        || !"text".equals(type.type())
        || !"event-stream".equals(type.subtype())) {
      return response;
    }
    ResponseBody normalized =
        ResponseBody.create(Okio.buffer(new Normalizing(body.source(), maxEventBytes)), type, -1L);
    return response.newBuilder().body(normalized).build();
  }

  /** The body is not a well-formed event stream; never retried. */
  abstract static class FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    FormatException(String message) {
      super(message);
    }
  }

  /** A line or event exceeded the configured maximum. */
  static final class EventTooLargeException extends FormatException {
    private static final long serialVersionUID = 1L;

    EventTooLargeException(String message) {
      super(message);
    }
  }

  /** A byte sequence that is not UTF-8. */
  static final class InvalidUtf8Exception extends FormatException {
    private static final long serialVersionUID = 1L;

    InvalidUtf8Exception(String message) {
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
    private final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();
    private boolean lastWasCr;
    private long lineBytes;
    private long eventBytes;
    private long position; // bytes of the body scanned so far
    private int utf8Need; // continuation bytes still expected
    private int utf8Low = 0x80;
    private int utf8High = 0xBF;

    Normalizing(Source upstream, long maxEventBytes) {
      this.upstream = upstream;
      this.maxEventBytes = maxEventBytes;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long n = upstream.read(raw, Math.max(1, Math.min(byteCount, 8192)));
      if (n == -1) {
        if (lineBytes > 0) {
          throw new CutMidLineException(
              "the event stream ended in the middle of a line ("
                  + lineBytes
                  + " bytes after the last line break); the response was cut off");
        }
        return -1;
      }
      long written = 0;
      while (!raw.exhausted()) {
        if (lastWasCr) {
          lastWasCr = false;
          if (raw.getByte(0) == '\n') {
            raw.skip(1);
            position++;
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

    /**
     * Scans the first {@code length} bytes of {@code raw}, which hold no CR, in one pass over the
     * segment arrays: counts line and event sizes and validates UTF-8.
     */
    private void count(long length) throws IOException {
      long max = maxEventBytes;
      long line = lineBytes;
      long event = eventBytes;
      try (Buffer.UnsafeCursor c = raw.readUnsafe(cursor)) {
        long left = length;
        for (int n = c.seek(0); n != -1 && left > 0; n = c.next()) {
          byte[] data = Objects.requireNonNull(c.data, "cursor data"); // set while n != -1
          int end = (int) Math.min(c.end, c.start + left);
          for (int i = c.start; i < end; i++) {
            int x = data[i] & 0xff;
            if (x == '\n' && utf8Need == 0) {
              if (line == 0) {
                event = 0; // a blank line dispatches the event
              }
              line = 0;
              continue;
            }
            if (x >= 0x80 || utf8Need != 0) {
              utf8(x, position + (i - c.start));
            }
            line++;
            if (++event > max) {
              lineBytes = line;
              throw tooLarge(line > max);
            }
          }
          left -= end - c.start;
          position += end - c.start;
        }
      }
      lineBytes = line;
      eventBytes = event;
    }

    /** Advances the UTF-8 state by one byte; rejects what RFC 3629 does not allow. */
    private void utf8(int x, long at) throws InvalidUtf8Exception {
      if (utf8Need > 0) {
        if (x < utf8Low || x > utf8High) {
          throw invalidUtf8(x, at);
        }
        utf8Need--;
        utf8Low = 0x80;
        utf8High = 0xBF;
        return;
      }
      if (x >= 0xC2 && x <= 0xDF) {
        utf8Need = 1;
      } else if (x >= 0xE0 && x <= 0xEF) {
        utf8Need = 2;
        utf8Low = x == 0xE0 ? 0xA0 : 0x80; // no overlong forms
        utf8High = x == 0xED ? 0x9F : 0xBF; // no surrogates
      } else if (x >= 0xF0 && x <= 0xF4) {
        utf8Need = 3;
        utf8Low = x == 0xF0 ? 0x90 : 0x80;
        utf8High = x == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
      } else {
        throw invalidUtf8(x, at);
      }
    }

    private InvalidUtf8Exception invalidUtf8(int x, long at) {
      return new InvalidUtf8Exception(
          String.format(
              "the event stream is not valid UTF-8: byte 0x%02x at offset %d of the body", x, at));
    }

    private EventTooLargeException tooLarge(boolean line) {
      return new EventTooLargeException(
          "a server-sent event exceeded the limit of "
              + maxEventBytes
              + " bytes (maxStreamEventSize) without a "
              + (line ? "line break" : "blank line ending the event"));
    }

    private void endLine() throws InvalidUtf8Exception {
      if (utf8Need > 0) {
        throw invalidUtf8('\r', position);
      }
      position++;
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
