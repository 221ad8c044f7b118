package dev.llmkit.openai;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on loopback that keeps connections alive and answers every request with the
 * same chunked {@code text/event-stream} body, one chunk per event, as OpenAI does. It counts the
 * TCP connections it accepted and the requests it served, so a test can see connection reuse.
 */
final class KeepAliveServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<String> events;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "keep-alive-server");
            t.setDaemon(true);
            return t;
          });

  KeepAliveServer(List<String> events) throws IOException {
    this.events = List.copyOf(events);
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    executor.execute(this::acceptLoop);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  int requests() {
    return requests.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        executor.execute(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (readRequest(in)) {
        requests.incrementAndGet();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (String event : events) {
          byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
          response.writeBytes(
              (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          response.writeBytes(bytes);
          response.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        response.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(response.toByteArray());
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection
    }
  }

  /** Reads one request (head and Content-Length body); false at end of stream. */
  private static boolean readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) != -1) {
      head.write(b);
      matched =
          (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b
              ? matched + 1
              : (b == '\r' ? 1 : 0);
    }
    if (matched < 4) {
      return false;
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
    return true;
  }

  @Override
  public void close() throws IOException {
    server.close();
    executor.shutdownNow();
  }
}
