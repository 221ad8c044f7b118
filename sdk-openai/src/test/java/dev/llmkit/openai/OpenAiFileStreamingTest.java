package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileService;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.StoredFile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large transfers: uploads stream from their source, downloads stream from the socket. */
@WireMockTest
class OpenAiFileStreamingTest {
  private static final long HUNDRED_MB = 100L * 1024 * 1024;

  @Test
  void hundredMegabyteUploadStreamsInSmallChunksWithoutGrowingTheHeap(@TempDir Path dir)
      throws Exception {
    Path sparse = dir.resolve("big.jsonl");
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(HUNDRED_MB); // sparse: no disk blocks, reads as zeros
    }
    MeteredStream source = new MeteredStream(Files.newInputStream(sparse));
    try (DiscardingServer server = new DiscardingServer()) {
      CompletableFuture<Long> received = server.acceptOne();
      FileService files = CapabilityClients.files(server.baseUrl());

      StoredFile stored =
          files.upload(FileUpload.of(source, HUNDRED_MB, "big.jsonl", FilePurpose.FINE_TUNE));

      long bodyBytes = received.get(60, TimeUnit.SECONDS);
      assertThat(stored.id()).isEqualTo("file-big");
      assertThat(source.total).isEqualTo(HUNDRED_MB);
      assertThat(bodyBytes).isBetween(HUNDRED_MB, HUNDRED_MB + 1024);
      assertThat(bodyBytes).isEqualTo(server.declaredLength);
      assertThat(source.largestRead).isLessThanOrEqualTo(64 * 1024);
      assertThat(source.reads).isGreaterThan(HUNDRED_MB / (64 * 1024));
      // Loose: a buffered upload would retain 100 MB; a streaming one retains a few segments.
      assertThat(source.peakHeapGrowth).isLessThan(32L * 1024 * 1024);
    }
  }

  @Test
  void downloadIsReadableBeforeTheWholeBodyHasArrived(WireMockRuntimeInfo wm) throws IOException {
    byte[] body = new byte[2 * 1024 * 1024];
    new Random(7).nextBytes(body);
    stubFor(
        get("/v1/files/file-big/content")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/octet-stream")
                    .withBody(body)
                    .withChunkedDribbleDelay(20, 3000)));
    FileService files = CapabilityClients.files(wm.getHttpBaseUrl());

    long start = System.nanoTime();
    long firstByteMillis;
    CRC32 crc = new CRC32();
    long total = 0;
    try (InputStream in = files.content("file-big")) {
      byte[] buf = new byte[8192];
      int n = in.read(buf);
      firstByteMillis = (System.nanoTime() - start) / 1_000_000;
      while (n != -1) {
        crc.update(buf, 0, n);
        total += n;
        n = in.read(buf);
      }
    }
    long allMillis = (System.nanoTime() - start) / 1_000_000;

    CRC32 expected = new CRC32();
    expected.update(body);
    assertThat(total).isEqualTo(body.length);
    assertThat(crc.getValue()).isEqualTo(expected.getValue());
    assertThat(firstByteMillis).isLessThan(allMillis / 2);
    assertThat(allMillis).isGreaterThanOrEqualTo(2000);
  }

  @Test
  void closingADownloadEarlyDoesNotReadTheRest(WireMockRuntimeInfo wm) throws IOException {
    byte[] body = new byte[4 * 1024 * 1024];
    new Random(11).nextBytes(body); // incompressible, so transparent gzip cannot batch it
    stubFor(
        get("/v1/files/file-big/content")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/octet-stream")
                    .withBody(body)
                    .withChunkedDribbleDelay(40, 8000)));
    FileService files = CapabilityClients.files(wm.getHttpBaseUrl());

    long start = System.nanoTime();
    try (InputStream in = files.content("file-big")) {
      assertThat(in.read(new byte[1024])).isPositive();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).isLessThan(6000); // the whole body takes 8 s to arrive
  }

  /** Counts reads and samples retained heap while the upload pulls bytes from the source. */
  private static final class MeteredStream extends FilterInputStream {
    private final long baseline;
    long total;
    long reads;
    long largestRead;
    long peakHeapGrowth;
    private long nextSample;

    MeteredStream(InputStream in) {
      super(in);
      this.baseline = usedHeapAfterGc();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        reads++;
        largestRead = Math.max(largestRead, n);
        total += n;
        if (total >= nextSample) {
          // Collect first, so only what the upload retains is measured, not garbage.
          nextSample += 16L * 1024 * 1024;
          peakHeapGrowth = Math.max(peakHeapGrowth, usedHeapAfterGc() - baseline);
        }
      }
      return n;
    }

    private static long usedHeap() {
      Runtime rt = Runtime.getRuntime();
      return rt.totalMemory() - rt.freeMemory();
    }

    private static long usedHeapAfterGc() {
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      return usedHeap();
    }
  }

  /**
   * An HTTP server on loopback that reads one request, discards its body while counting it (so the
   * server side holds no copy), and answers with a file object.
   */
  private static final class DiscardingServer implements AutoCloseable {
    private final ServerSocket server;
    volatile long declaredLength = -1;

    DiscardingServer() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getLocalPort();
    }

    CompletableFuture<Long> acceptOne() {
      return CompletableFuture.supplyAsync(
          () -> {
            try (Socket socket = server.accept()) {
              InputStream in = socket.getInputStream();
              declaredLength = contentLength(readHead(in));
              long count = 0;
              byte[] buf = new byte[64 * 1024];
              while (count < declaredLength) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, declaredLength - count));
                if (n == -1) {
                  break;
                }
                count += n;
              }
              String json =
                  "{\"id\":\"file-big\",\"object\":\"file\",\"bytes\":"
                      + HUNDRED_MB
                      + ",\"created_at\":1700000000,\"filename\":\"big.jsonl\",\"purpose\":\"fine-tune\"}";
              byte[] payload = json.getBytes(StandardCharsets.UTF_8);
              OutputStream out = socket.getOutputStream();
              out.write(
                  ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                          + payload.length
                          + "\r\nConnection: close\r\n\r\n")
                      .getBytes(StandardCharsets.US_ASCII));
              out.write(payload);
              out.flush();
              return count;
            } catch (IOException e) {
              throw new RuntimeException(e);
            }
          });
    }

    private static String readHead(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      int b;
      while ((b = in.read()) != -1) {
        head.append((char) b);
        if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
          break;
        }
      }
      return head.toString();
    }

    private static long contentLength(String head) {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase().startsWith("content-length:")) {
          return Long.parseLong(line.substring(15).trim());
        }
      }
      throw new IllegalStateException("no Content-Length; the upload was chunked: " + head);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
