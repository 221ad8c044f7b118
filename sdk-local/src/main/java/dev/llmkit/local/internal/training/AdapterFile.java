package dev.llmkit.local.internal.training;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import dev.llmkit.local.internal.model.LayerAdapter;
import dev.llmkit.local.internal.model.LlamaConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A LoRA adapter as a llama.cpp adapter GGUF (v3): metadata {@code general.architecture} (the base
 * model's), {@code general.type = adapter}, {@code adapter.type = lora}, {@code
 * adapter.lora.alpha}, and F32 tensors {@code blk.N.<proj>.weight.lora_a} of ggml shape [in, rank]
 * and {@code .lora_b} of [rank, out], as llama.cpp's {@code convert_lora_to_gguf.py} writes PEFT's
 * {@code lora_A} / {@code lora_B}. llama.cpp scales by alpha / rank, as here. The same file is what
 * llmkit loads to run the fine-tuned model.
 */
public final class AdapterFile {
  private static final int ALIGNMENT = 32;
  private static final int TYPE_U32 = 4;
  private static final int TYPE_F32 = 6;
  private static final int TYPE_STRING = 8;

  private AdapterFile() {}

  /** Writes {@code adapter} for a base model of architecture {@code arch}, atomically. */
  public static void write(Path file, LoraAdapter adapter, String arch, String baseModel)
      throws IOException {
    List<String> names = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    List<float[]> data = new ArrayList<>();
    for (int l = 0; l < adapter.layers(); l++) {
      for (int t = 0; t < LayerAdapter.TARGET_TENSORS.length; t++) {
        float[] a = adapter.a(l, t);
        float[] b = adapter.b(l, t);
        if (a == null || b == null) {
          continue;
        }
        String base = "blk." + l + "." + LayerAdapter.TARGET_TENSORS[t] + ".weight";
        names.add(base + ".lora_a");
        shapes.add(new long[] {adapter.inDim(t), adapter.rank()});
        data.add(a);
        names.add(base + ".lora_b");
        shapes.add(new long[] {adapter.rank(), adapter.outDim(t)});
        data.add(b);
      }
    }
    if (adapter.headA() != null && adapter.headB() != null) {
      names.add(LayerAdapter.OUTPUT_TENSOR + ".lora_a");
      shapes.add(new long[] {adapter.inDim(LayerAdapter.OUTPUT), adapter.rank()});
      data.add(adapter.headA());
      names.add(LayerAdapter.OUTPUT_TENSOR + ".lora_b");
      shapes.add(new long[] {adapter.rank(), adapter.outDim(LayerAdapter.OUTPUT)});
      data.add(adapter.headB());
    }
    ByteBuffer kv = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    putString(kv, "general.architecture", arch);
    putString(kv, "general.type", "adapter");
    putString(kv, "adapter.type", "lora");
    kv.put(string("adapter.lora.alpha")).putInt(TYPE_F32).putFloat(adapter.alpha());
    kv.put(string("llmkit.lora.rank")).putInt(TYPE_U32).putInt(adapter.rank());
    putString(kv, "llmkit.base_model", baseModel);
    int kvCount = 6;
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
      ByteBuffer head = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
      head.put("GGUF".getBytes(StandardCharsets.US_ASCII))
          .putInt(3)
          .putLong(names.size())
          .putLong(kvCount);
      os.write(head.array());
      os.write(kv.array(), 0, kv.position());
      long written = 24 + kv.position();
      long offset = 0;
      for (int i = 0; i < names.size(); i++) {
        long[] shape = shapes.get(i);
        ByteBuffer info =
            ByteBuffer.allocate(8 + names.get(i).length() + 4 + 16 + 4 + 8)
                .order(ByteOrder.LITTLE_ENDIAN);
        info.put(string(names.get(i)))
            .putInt(2)
            .putLong(shape[0])
            .putLong(shape[1])
            .putInt(GgmlType.F32.id())
            .putLong(offset);
        os.write(info.array(), 0, info.position());
        written += info.position();
        offset = align(offset + 4L * data.get(i).length);
      }
      written = pad(os, written);
      for (float[] d : data) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * d.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(d);
        os.write(bytes.array());
        written = pad(os, written + bytes.capacity());
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads an adapter written by {@link #write} (or by llama.cpp's converter, with F32 tensors) for
   * a base model of {@code config}.
   *
   * @throws ModelLoadException if the file is not a LoRA adapter for that model
   */
  public static LoraAdapter read(Path file, LlamaConfig config) {
    try (GgufFile gguf = GgufFile.open(file)) {
      String type = gguf.metadata().getString("adapter.type").orElse("");
      if (!"lora".equals(type)) {
        throw new ModelLoadException(
            "local", file + " is not a LoRA adapter (adapter.type is '" + type + "')");
      }
      String arch = gguf.metadata().getString("general.architecture").orElse("");
      if (!arch.equals(config.architecture())) {
        throw new ModelLoadException(
            "local",
            file
                + " is an adapter for a "
                + arch
                + " model, not for the "
                + config.architecture()
                + " base model");
      }
      float alpha = gguf.metadata().getFloat("adapter.lora.alpha", 0f);
      boolean[] targets = new boolean[LayerAdapter.TARGET_COUNT];
      int rank = -1;
      TensorInfo head = gguf.tensor(LayerAdapter.OUTPUT_TENSOR + ".lora_a").orElse(null);
      if (head != null) {
        targets[LayerAdapter.OUTPUT] = true;
        rank = (int) head.shape()[1];
      }
      for (int t = 0; t < LayerAdapter.TARGET_TENSORS.length; t++) {
        TensorInfo a =
            gguf.tensor("blk.0." + LayerAdapter.TARGET_TENSORS[t] + ".weight.lora_a").orElse(null);
        if (a != null) {
          targets[t] = true;
          rank = (int) a.shape()[1];
        }
      }
      if (rank < 1) {
        throw new ModelLoadException(
            "local", file + " has no LoRA tensors for layer 0 or the" + " output head");
      }
      LoraAdapter adapter = new LoraAdapter(config, rank, alpha > 0 ? alpha : rank, targets);
      if (targets[LayerAdapter.OUTPUT]) {
        String base = LayerAdapter.OUTPUT_TENSOR;
        load(
            gguf,
            base + ".lora_a",
            adapter.inDim(LayerAdapter.OUTPUT),
            rank,
            Objects.requireNonNull(adapter.headA(), "head A of an adapted output"));
        load(
            gguf,
            base + ".lora_b",
            rank,
            adapter.outDim(LayerAdapter.OUTPUT),
            Objects.requireNonNull(adapter.headB(), "head B of an adapted output"));
      }
      for (int l = 0; l < adapter.layers(); l++) {
        for (int t = 0; t < LayerAdapter.TARGET_TENSORS.length; t++) {
          if (targets[t]) {
            String base = "blk." + l + "." + LayerAdapter.TARGET_TENSORS[t] + ".weight";
            load(
                gguf,
                base + ".lora_a",
                adapter.inDim(t),
                rank,
                Objects.requireNonNull(adapter.a(l, t), "A of an adapted target"));
            load(
                gguf,
                base + ".lora_b",
                rank,
                adapter.outDim(t),
                Objects.requireNonNull(adapter.b(l, t), "B of an adapted target"));
          }
        }
      }
      return adapter;
    }
  }

  private static void load(GgufFile gguf, String name, long ne0, long ne1, float[] into) {
    TensorInfo info =
        gguf.tensor(name)
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        "local", gguf.path() + ": tensor " + name + " is missing"));
    if (info.type() != GgmlType.F32 || !Arrays.equals(info.shape(), new long[] {ne0, ne1})) {
      throw new ModelLoadException(
          "local",
          gguf.path()
              + ": tensor "
              + name
              + " is "
              + info.type()
              + " "
              + Arrays.toString(info.shape())
              + ", expected F32 ["
              + ne0
              + ", "
              + ne1
              + "]");
    }
    gguf.tensorData(info).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(into);
  }

  private static long align(long n) {
    return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  private static long pad(OutputStream os, long written) throws IOException {
    long target = align(written);
    for (long i = written; i < target; i++) {
      os.write(0);
    }
    return target;
  }

  private static byte[] string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + b.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(b.length)
        .put(b)
        .array();
  }

  private static void putString(ByteBuffer kv, String key, String value) {
    kv.put(string(key)).putInt(TYPE_STRING).put(string(value));
  }
}
