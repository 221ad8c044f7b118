package dev.llmkit.local.internal.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.testing.GgufWriter;
import dev.llmkit.local.testing.SharedModels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileErrorsTest {
  @TempDir Path dir;

  private static GgufWriter smallValidFile() {
    return new GgufWriter()
        .putString("general.architecture", "llama")
        .putStringArray("tokenizer.ggml.tokens", "<unk>", "<s>", "</s>", "hello")
        .putFloatArray("scores", 0f, 1f, 2f)
        .putNestedIntArray("nested", new int[] {1, 2}, new int[] {3})
        .f32Tensor("a", new long[] {4, 2}, new float[] {1, 2, 3, 4, 5, 6, 7, 8})
        .tensor("q", GgmlType.Q8_0, new long[] {32}, new byte[34]);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static ByteBuffer le(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void truncatedFileAtEveryOffsetFailsWithModelLoadException() throws IOException {
    byte[] full = smallValidFile().toBytes();
    long end;
    try (GgufFile gguf = GgufFile.open(write("full.gguf", full))) {
      end =
          gguf.dataOffset()
              + gguf.tensors().stream()
                  .mapToLong(t -> t.offset() + t.byteSize())
                  .max()
                  .orElseThrow();
    }

    for (int len = 0; len < end; len++) {
      Path file = write("t.gguf", Arrays.copyOf(full, len));
      Throwable thrown = catchThrowable(() -> GgufFile.open(file).close());

      assertThat(thrown)
          .as("truncated at %d of %d", len, full.length)
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining(file.toString());
      assertThat(thrown.getMessage())
          .as("message at %d", len)
          .containsAnyOf("truncated", "not a GGUF file", "exceeds file size");
    }
  }

  @Test
  void hugeStringLengthIsRejectedBeforeAllocating() throws IOException {
    byte[] bytes = new GgufWriter().putString("general.name", "x").toBytes();
    le(bytes).putLong(24, 1L << 60); // length of the first key

    Path file = write("huge-string.gguf", bytes);

    assertThatThrownBy(() -> GgufFile.open(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("string length 1152921504606846976")
        .hasMessageContaining("exceeds file size");
  }

  @Test
  void hugeArrayCountIsRejectedBeforeAllocating() throws IOException {
    byte[] bytes = new GgufWriter().putIntArray("ids", 1, 2).toBytes();
    int countAt = 24 + 8 + 3 + 4 + 4;
    le(bytes).putLong(countAt, 1L << 40);

    Path file = write("huge-array.gguf", bytes);

    assertThatThrownBy(() -> GgufFile.open(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("array length")
        .hasMessageContaining("exceeds file size");
  }

  @Test
  void hugeTensorAndMetadataCountsAreRejected() throws IOException {
    byte[] tensors = new GgufWriter().toBytes();
    le(tensors).putLong(8, -1L);
    byte[] kvs = new GgufWriter().toBytes();
    le(kvs).putLong(16, Long.MAX_VALUE);

    Path t = write("tensors.gguf", tensors);
    Path k = write("kvs.gguf", kvs);

    assertThatThrownBy(() -> GgufFile.open(t))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tensor count 18446744073709551615 at byte 8 exceeds file size");
    assertThatThrownBy(() -> GgufFile.open(k))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("metadata entry count")
        .hasMessageContaining("exceeds file size");
  }

  @Test
  void badMagicIsRejected() throws IOException {
    Path file =
        write(
            "bad.gguf",
            "GGML and more bytes here".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> GgufFile.open(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not a GGUF file")
        .hasMessageContaining("GGUF versions 2 and 3");
  }

  @Test
  void version1FileIsRejectedWithSupportedVersions() {
    Path file = SharedModels.resolve("stories260K/stories260K-ggufv1-legacy.gguf");

    assertThatThrownBy(() -> GgufFile.open(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("stories260K-ggufv1-legacy.gguf")
        .hasMessageContaining("GGUF version 1 is not supported")
        .hasMessageContaining("versions 2 and 3");
  }

  @Test
  void version2FileIsRead() throws IOException {
    Path file = write("v2.gguf", smallValidFile().version(2).toBytes());

    try (GgufFile gguf = GgufFile.open(file)) {
      assertThat(gguf.version()).isEqualTo(2);
      assertThat(gguf.tensors()).extracting(TensorInfo::name).containsExactly("a", "q");
    }
  }

  @Test
  void unknownTensorTypeListsKnownTypes() {
    Path file =
        new GgufWriter()
            .tensor("w", 99, new long[] {4}, new byte[16])
            .write(dir.resolve("type.gguf"));

    assertThatThrownBy(() -> GgufFile.open(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tensor w has unknown ggml type id 99")
        .hasMessageContaining("F32, F16, Q4_0")
        .hasMessageContaining("Q6_K")
        .hasMessageContaining("BF16");
  }

  @Test
  void tooManyDimensionsAreRejected() {
    Path file =
        new GgufWriter()
            .f32Tensor("w", new long[] {1, 1, 1, 1, 1}, new float[1])
            .write(dir.resolve("dims.gguf"));

    assertThatThrownBy(() -> GgufFile.open(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tensor w has 5 dimensions; 1 to 4 are supported");
  }

  @Test
  void tensorDataBeyondEndOfFileIsRejected() throws IOException {
    byte[] bytes = new GgufWriter().f32Tensor("w", new long[] {8}, new float[8]).toBytes();
    // shape[0] sits after: header 24, name len 8 + "w", n_dims 4
    le(bytes).putLong(24 + 8 + 1 + 4, 1000);

    Path file = write("big-tensor.gguf", bytes);

    assertThatThrownBy(() -> GgufFile.open(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tensor w")
        .hasMessageContaining("data section");
  }

  @Test
  void misalignedTensorOffsetIsRejected() throws IOException {
    byte[] bytes = new GgufWriter().f32Tensor("w", new long[] {8}, new float[8]).toBytes();
    le(bytes).putLong(24 + 8 + 1 + 4 + 8 + 4, 4);

    Path file = write("misaligned.gguf", bytes);

    assertThatThrownBy(() -> GgufFile.open(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not a multiple of the alignment 32");
  }

  @Test
  void rowLengthNotMultipleOfBlockSizeIsRejected() {
    Path file =
        new GgufWriter()
            .tensor("w", GgmlType.Q4_0, new long[] {31}, new byte[18])
            .write(dir.resolve("block.gguf"));

    assertThatThrownBy(() -> GgufFile.open(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("row length 31 is not a multiple of the Q4_0 block size 32");
  }

  @Test
  void randomCorruptionNeverEscapesAsAnotherExceptionType() throws IOException {
    byte[] full = smallValidFile().toBytes();
    java.util.Random random = new java.util.Random(7);

    for (int i = 0; i < 400; i++) {
      byte[] bytes = full.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        bytes[8 + random.nextInt(bytes.length - 8)] = (byte) random.nextInt(256);
      }
      Path file = write("fuzz.gguf", bytes);
      Throwable thrown = catchThrowable(() -> GgufFile.open(file).close());

      if (thrown != null) {
        assertThat(thrown).as("corruption #%d", i).isInstanceOf(ModelLoadException.class);
      }
    }
  }

  @Test
  void missingFileAndDirectoryAreRejected() {
    assertThatThrownBy(() -> GgufFile.open(dir.resolve("nope.gguf")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> GgufFile.open(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  void deviceFileIsRejectedWithoutReading() {
    Path device = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device), "needs /dev/zero");

    assertThatThrownBy(() -> GgufFile.open(device))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not a regular file");
  }
}
