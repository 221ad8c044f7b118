package dev.llmkit.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUploadTest {
  private static final long HUNDRED_MB = 100L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void hundredMegabyteFileIsStreamedNotLoaded() throws IOException {
    Path big = dir.resolve("big.jsonl");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(HUNDRED_MB);
      file.seek(HUNDRED_MB - 1);
      file.write('!');
    }
    FileUpload upload = FileUpload.of(big, FilePurpose.FINE_TUNE);

    long read = 0;
    int last = -1;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = upload.openStream()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        read += n;
        last = buffer[n - 1];
      }
    }

    assertThat(upload.contentLength()).isEqualTo(HUNDRED_MB);
    assertThat(read).isEqualTo(HUNDRED_MB);
    assertThat(last).isEqualTo('!');
    assertThat(upload.filename()).isEqualTo("big.jsonl");
    assertThat(upload.path()).isEqualTo(big);
  }

  @Test
  void writeToCopiesThroughABufferAndCountsBytes() throws IOException {
    Path big = dir.resolve("big.bin");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(HUNDRED_MB);
    }
    long[] counted = {0};
    OutputStream counting =
        new OutputStream() {
          @Override
          public void write(int b) {
            counted[0]++;
          }

          @Override
          public void write(byte[] b, int off, int len) {
            counted[0] += len;
          }
        };

    long written = FileUpload.of(big, FilePurpose.BATCH).writeTo(counting);

    assertThat(written).isEqualTo(HUNDRED_MB);
    assertThat(counted[0]).isEqualTo(HUNDRED_MB);
  }

  @Test
  void pathSourceOpensAFreshStreamEachTime() throws IOException {
    Path file = Files.writeString(dir.resolve("a.txt"), "abc");
    FileUpload upload = FileUpload.of(file, FilePurpose.USER_DATA);

    assertThat(upload.isRepeatable()).isTrue();
    try (InputStream first = upload.openStream();
        InputStream second = upload.openStream()) {
      assertThat(first.readAllBytes()).isEqualTo(second.readAllBytes()).hasSize(3);
    }
  }

  @Test
  void missingPathIsRejectedNamingThePath() {
    Path missing = dir.resolve("nope.jsonl");

    assertThatThrownBy(() -> FileUpload.of(missing, FilePurpose.FINE_TUNE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void directoryIsRejected() {
    assertThatThrownBy(() -> FileUpload.of(dir, FilePurpose.FINE_TUNE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a file");
  }

  @Test
  void inputStreamSourceCanBeReadOnlyOnce() throws IOException {
    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
    FileUpload upload =
        FileUpload.of(new ByteArrayInputStream(data), data.length, "h.txt", FilePurpose.ASSISTANTS);

    assertThat(upload.isRepeatable()).isFalse();
    assertThat(upload.openStream().readAllBytes()).isEqualTo(data);
    assertThatThrownBy(upload::openStream)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("can be read only once");
  }

  @Test
  void negativeLengthIsRejected() {
    assertThatThrownBy(
            () -> FileUpload.of(InputStream.nullInputStream(), -1, "x", FilePurpose.BATCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length is -1; it must be 0 or more bytes");
  }

  @Test
  void bytesAreCopiedWhenBuilt() throws IOException {
    byte[] data = {1, 2, 3};
    FileUpload upload = FileUpload.of(data, "d.bin", FilePurpose.VISION);

    data[0] = 9;

    assertThat(upload.openStream().readAllBytes()).containsExactly(1, 2, 3);
    assertThat(upload.contentLength()).isEqualTo(3);
  }

  @Test
  void purposeAndFilenameAreRequired() {
    assertThatThrownBy(() -> FileUpload.builder().bytes(new byte[1], "x").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("purpose == null");
    assertThatThrownBy(() -> FileUpload.of(new byte[1], " ", FilePurpose.EVALS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("filename is blank");
  }

  @Test
  void expirationAfterCreationIsKept() {
    FileUpload upload =
        FileUpload.builder()
            .bytes(new byte[1], "x")
            .purpose(FilePurpose.BATCH)
            .expiresAfter(FileExpiration.afterCreation(Duration.ofHours(2)))
            .build();

    assertThat(upload.expiresAfter())
        .satisfies(
            e -> {
              assertThat(e.anchor()).isEqualTo("created_at");
              assertThat(e.seconds()).isEqualTo(7200);
            });
    assertThatThrownBy(() -> FileExpiration.afterCreation(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seconds is 0; it must be at least 1");
  }
}
