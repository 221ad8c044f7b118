package dev.llmkit.benchmarks.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed-response OpenAI server on 127.0.0.1 for the HTTP benchmark: {@code POST
 * /v1/chat/completions} answers with a prepared chat completion, or, when the request body asks for
 * {@code "stream":true}, with a prepared server-sent event stream. HTTP/1.1 with keep-alive, a
 * thread per connection; every byte of every response is built before the first request, so the
 * server costs the same for every SDK.
 *
 * <p>The stream's first event is written and flushed on its own, then the rest in one write, so the
 * time to the first chunk is the client's, not the server's.
 */
public final class MockOpenAiServer implements AutoCloseable {
  private final ServerSocket socket;
  private final byte[] chatResponse;
  private final byte[] streamHead;
  private final byte[] streamRest;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closed;

  public MockOpenAiServer(int port, WireFixtures fixtures) throws IOException {
    this.socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    byte[] json = fixtures.chatCompletion().getBytes(StandardCharsets.UTF_8);
    this.chatResponse =
        concat(
            ("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: application/json\r\n"
                    + commonHeaders()
                    + "Content-Length: "
                    + json.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII),
            json);
    byte[] first = fixtures.firstEvent().getBytes(StandardCharsets.UTF_8);
    byte[] rest = fixtures.remainingEvents().getBytes(StandardCharsets.UTF_8);
    this.streamHead =
        concat(
            ("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: text/event-stream; charset=utf-8\r\n"
                    + commonHeaders()
                    + "Transfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII),
            chunk(first));
    this.streamRest = concat(chunk(rest), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    this.acceptor = new Thread(this::acceptLoop, "mock-openai-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Headers as OpenAI sends them, so SDKs that parse them pay for it as they would in use. */
  private static String commonHeaders() {
    return "x-request-id: req_0123456789abcdef0123456789abcdef\r\n"
        + "openai-processing-ms: 112\r\n"
        + "openai-version: 2020-10-01\r\n"
        + "x-ratelimit-limit-requests: 10000\r\n"
        + "x-ratelimit-limit-tokens: 30000000\r\n"
        + "x-ratelimit-remaining-requests: 9999\r\n"
        + "x-ratelimit-remaining-tokens: 29999990\r\n"
        + "x-ratelimit-reset-requests: 6ms\r\n"
        + "x-ratelimit-reset-tokens: 0s\r\n";
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** TCP connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        s.setTcpNoDelay(true);
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "mock-openai-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("mock server: accept failed: " + e);
        }
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s;
        InputStream in = new BufferedInputStream(s.getInputStream(), 16384);
        OutputStream out = s.getOutputStream()) {
      byte[] body = new byte[65536];
      while (true) {
        int length = readHead(in);
        if (length < 0) {
          return;
        }
        if (length > body.length) {
          body = new byte[length];
        }
        int read = 0;
        while (read < length) {
          int n = in.read(body, read, length - read);
          if (n < 0) {
            return;
          }
          read += n;
        }
        if (wantsStream(body, length)) {
          out.write(streamHead);
          out.flush();
          out.write(streamRest);
        } else {
          out.write(chatResponse);
        }
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection
    }
  }

  /** Reads the request line and headers; returns the Content-Length, or -1 at end of input. */
  private static int readHead(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    int contentLength = 0;
    boolean first = true;
    while (true) {
      line.reset();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          return -1;
        }
        if (c != '\r') {
          line.write(c);
        }
      }
      if (line.size() == 0) {
        if (first) {
          continue;
        }
        return contentLength;
      }
      first = false;
      String h = line.toString(StandardCharsets.ISO_8859_1);
      if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
        contentLength = Integer.parseInt(h.substring(15).trim());
      } else if (h.regionMatches(true, 0, "transfer-encoding:", 0, 18)
          && h.toLowerCase(Locale.ROOT).contains("chunked")) {
        throw new IOException("chunked request bodies are not supported by the mock server");
      }
    }
  }

  /** Whether the JSON body has {@code "stream"} set to {@code true} (any whitespace). */
  static boolean wantsStream(byte[] body, int length) {
    String text = new String(body, 0, length, StandardCharsets.UTF_8);
    int i = text.indexOf("\"stream\"");
    while (i >= 0) {
      int j = i + 8;
      while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == ':')) {
        j++;
      }
      if (text.startsWith("true", j)) {
        return true;
      }
      i = text.indexOf("\"stream\"", j);
    }
    return false;
  }

  private static byte[] chunk(byte[] data) {
    byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    return concat(concat(head, data), "\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
  }
}
