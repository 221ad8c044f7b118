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
 * Rewrites the line endings of {@code text/event-stream} bodies to LF as the bytes arrive: CRLF
 * becomes LF and a lone CR becomes LF. okhttp-sse's reader needs this: it fails on CR-only
 * {@code event:} lines and, after a CR, waits for the next byte to rule out CRLF, which stalls
 * the last event of a CR-terminated stream. The rewrite needs no lookahead, so it never blocks,
 * and cannot split UTF-8 characters (CR and LF bytes never occur inside one).
 */
final class SseLineEndings implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    MediaType type = body.contentType();
    if (!response.isSuccessful() || type == null || !"text".equals(type.type())
        || !"event-stream".equals(type.subtype())) {
      return response;
    }
    ResponseBody normalized =
        ResponseBody.create(Okio.buffer(new Normalizing(body.source())), type, -1L);
    return response.newBuilder().body(normalized).build();
  }

  /** Streams bytes through, mapping CRLF and CR to LF. */
  static final class Normalizing implements Source {
    private final Source upstream;
    private final Buffer raw = new Buffer();
    private boolean lastWasCr;

    Normalizing(Source upstream) {
      this.upstream = upstream;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long n = upstream.read(raw, Math.max(1, Math.min(byteCount, 8192)));
      if (n == -1) {
        return -1;
      }
      long written = 0;
      while (!raw.exhausted()) {
        byte b = raw.readByte();
        if (b == '\n' && lastWasCr) {
          lastWasCr = false;
          continue;
        }
        lastWasCr = b == '\r';
        sink.writeByte(lastWasCr ? '\n' : b);
        written++;
      }
      return written;
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
