package dev.llmkit.local.internal.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.testing.GgufWriter;
import dev.llmkit.local.testing.SharedModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {
  @TempDir Path dir;

  @Test
  void readsStories260kHeaderMetadataAndTensors() {
    Path file = SharedModels.resolve("stories260K/stories260K.gguf");

    try (GgufFile gguf = GgufFile.open(file)) {

      assertThat(gguf.version()).isEqualTo(3);
      GgufMetadata md = gguf.metadata();
      assertThat(md.requireString("general.architecture")).isEqualTo("llama");
      assertThat(md.getInt("llama.embedding_length", -1)).isEqualTo(64);
      assertThat(md.getInt("llama.block_count", -1)).isEqualTo(5);
      assertThat(md.getInt("llama.attention.head_count_kv", -1)).isEqualTo(4);
      assertThat(md.getStringArray("tokenizer.ggml.tokens"))
          .get()
          .satisfies(t -> assertThat(t).hasSize(512).startsWith("<unk>", "<s>", "</s>"));
      assertThat(md.getFloatArray("tokenizer.ggml.scores"))
          .get()
          .satisfies(s -> assertThat(s).hasSize(512));
      assertThat(md.getIntArray("tokenizer.ggml.token_type"))
          .get()
          .satisfies(s -> assertThat(s).hasSize(512));
      assertThat(gguf.tensors()).hasSize(48);
      TensorInfo q = gguf.tensor("blk.0.attn_q.weight").orElseThrow();
      assertThat(q.shape()).containsExactly(64, 64);
      assertThat(q.type()).isEqualTo(GgmlType.F32);
      assertThat(q.byteSize()).isEqualTo(64 * 64 * 4);
      assertThat(gguf.dataOffset() % 32).isZero();
      assertThat(gguf.tensorData(q).capacity()).isEqualTo(64 * 64 * 4);
    }
  }

  @Test
  void readsEveryMetadataValueType() {
    Path file =
        new GgufWriter()
            .putRaw("u8", GgufWriter.UINT8, new byte[] {(byte) 200})
            .putRaw("i8", GgufWriter.INT8, new byte[] {(byte) -5})
            .putRaw("u16", GgufWriter.UINT16, new byte[] {(byte) 0xff, (byte) 0xff})
            .putRaw("i16", GgufWriter.INT16, new byte[] {(byte) 0xfe, (byte) 0xff})
            .putU32("u32", 4_000_000_000L)
            .putI32("i32", -7)
            .putF32("f32", 1.5f)
            .putBool("bool", true)
            .putString("str", "héllo")
            .putU64("u64", 1L << 40)
            .putRaw(
                "i64",
                GgufWriter.INT64,
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-3).array())
            .putRaw(
                "f64",
                GgufWriter.FLOAT64,
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.25).array())
            .putIntArray("ints", 1, -2, 3)
            .putFloatArray("floats", 0.5f, 2f)
            .putStringArray("strings", "a", "", "ü")
            .putNestedIntArray("nested", new int[] {1, 2}, new int[] {3})
            .write(dir.resolve("types.gguf"));

    try (GgufFile gguf = GgufFile.open(file)) {
      GgufMetadata md = gguf.metadata();

      assertThat(md.getInt("u8", 0)).isEqualTo(200);
      assertThat(md.getInt("i8", 0)).isEqualTo(-5);
      assertThat(md.getInt("u16", 0)).isEqualTo(65535);
      assertThat(md.getInt("i16", 0)).isEqualTo(-2);
      assertThat(md.getLong("u32", 0)).isEqualTo(4_000_000_000L);
      assertThat(md.getInt("u32", 42)).as("does not fit an int").isEqualTo(42);
      assertThat(md.getInt("i32", 0)).isEqualTo(-7);
      assertThat(md.getFloat("f32", 0)).isEqualTo(1.5f);
      assertThat(md.getBoolean("bool", false)).isTrue();
      assertThat(md.getString("str")).contains("héllo");
      assertThat(md.getLong("u64", 0)).isEqualTo(1L << 40);
      assertThat(md.getLong("i64", 0)).isEqualTo(-3);
      assertThat(md.getFloat("f64", 0)).isEqualTo(0.25f);
      assertThat(md.getIntArray("ints"))
          .get()
          .satisfies(a -> assertThat(a).containsExactly(1, -2, 3));
      assertThat(md.getFloatArray("floats"))
          .get()
          .satisfies(a -> assertThat(a).containsExactly(0.5f, 2f));
      assertThat(md.getStringArray("strings"))
          .get()
          .satisfies(a -> assertThat(a).containsExactly("a", "", "ü"));
      assertThat(md.get("nested"))
          .get()
          .isInstanceOfSatisfying(
              Object[].class, a -> assertThat(a).containsExactly(new int[] {1, 2}, new int[] {3}));
      assertThat(md.keys()).startsWith("u8", "i8", "u16");
      assertThat(md.getString("i32")).isEmpty();
      assertThat(md.getInt("missing", 9)).isEqualTo(9);
    }
  }

  @Test
  void mapsTensorsInSeveralSegmentsWithoutSplittingOne() {
    GgufWriter w = new GgufWriter();
    for (int t = 0; t < 6; t++) {
      float[] v = new float[300];
      for (int i = 0; i < v.length; i++) {
        v[i] = t * 1000 + i;
      }
      w.f32Tensor("t" + t, new long[] {300}, v);
    }
    Path file = w.write(dir.resolve("segments.gguf"));

    try (GgufFile gguf = GgufFile.open(file, 2048)) {

      for (int t = 0; t < 6; t++) {
        ByteBuffer data = gguf.tensorData(gguf.tensor("t" + t).orElseThrow());
        assertThat(data.capacity()).isEqualTo(1200);
        assertThat(data.getFloat(0)).isEqualTo(t * 1000f);
        assertThat(data.getFloat(299 * 4)).isEqualTo(t * 1000f + 299);
      }
    }
  }

  @Test
  void honoursGeneralAlignment() {
    Path file =
        new GgufWriter()
            .alignment(64)
            .putU32("general.alignment", 64)
            .f32Tensor("a", new long[] {3}, new float[] {1, 2, 3})
            .f32Tensor("b", new long[] {2, 2}, new float[] {4, 5, 6, 7})
            .write(dir.resolve("aligned.gguf"));

    try (GgufFile gguf = GgufFile.open(file)) {

      assertThat(gguf.dataOffset() % 64).isZero();
      TensorInfo b = gguf.tensor("b").orElseThrow();
      assertThat(b.offset()).isEqualTo(64);
      assertThat(b.rowCount()).isEqualTo(2);
      assertThat(gguf.tensorData(b).getFloat(12)).isEqualTo(7f);
    }
  }
}
