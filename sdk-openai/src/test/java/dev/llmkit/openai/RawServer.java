package dev.llmkit.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A one-connection HTTP server on loopback for the cases WireMock cannot script: a stream that
 * stops mid-way, a reset after some events, and observing the client closing the connection. The
 * response has no length and ends when the socket closes.
 */
final class RawServer implements AutoCloseable {
  /** What the server does after it has read the request. */
  interface Script {
    void run(Socket socket, InputStream in, OutputStream out) throws Exception;
  }

  private final ServerSocket server;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "raw-server");
            t.setDaemon(true);
            return t;
          });

  RawServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Serves one connection with {@code script}; the future completes when the script ends. */
  CompletableFuture<Void> serve(Script script) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    executor.execute(
        () -> {
          try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            readRequest(in);
            script.run(socket, in, socket.getOutputStream());
            done.complete(null);
          } catch (Throwable t) {
            done.completeExceptionally(t);
          }
        });
    return done;
  }

  static void writeSseHeaders(OutputStream out) throws IOException {
    out.write(
        ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n" + "Connection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Blocks until the client closes its side; true if it did (read returned -1 or reset). */
  static boolean awaitClientClose(InputStream in) {
    try {
      return in.read() == -1;
    } catch (IOException e) {
      return true;
    }
  }

  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        break;
      }
    }
    String headers = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
  }

  @Override
  public void close() throws IOException {
    server.close();
    executor.shutdownNow();
  }
}
