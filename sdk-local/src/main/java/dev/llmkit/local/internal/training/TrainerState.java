package dev.llmkit.local.internal.training;

import dev.llmkit.local.internal.model.LayerAdapter;
import dev.llmkit.local.internal.model.LlamaConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What resuming a run needs: the adapter, the AdamW moments, the optimizer step, the epochs done
 * and the tokens trained so far. Written to a file next to each checkpoint's adapter.
 */
public final class TrainerState {
  private static final int MAGIC = 0x4C4B5453; // "LKTS"
  private static final int VERSION = 2;

  private final LoraAdapter adapter;
  private final float[][] m;
  private final float[][] v;
  private final int step;
  private final int epochs;
  private final long trainedTokens;

  private TrainerState(
      LoraAdapter adapter, float[][] m, float[][] v, int step, int epochs, long trainedTokens) {
    this.adapter = adapter;
    this.m = m;
    this.v = v;
    this.step = step;
    this.epochs = epochs;
    this.trainedTokens = trainedTokens;
  }

  static TrainerState of(LoraAdapter adapter, AdamW optimizer, int epochs, long trainedTokens) {
    return new TrainerState(
        adapter, optimizer.m, optimizer.v, optimizer.step, epochs, trainedTokens);
  }

  public LoraAdapter adapter() {
    return adapter;
  }

  /** Optimizer steps taken. */
  public int step() {
    return step;
  }

  public int epochs() {
    return epochs;
  }

  public long trainedTokens() {
    return trainedTokens;
  }

  void restore(AdamW optimizer) {
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, optimizer.m[i], 0, m[i].length);
      System.arraycopy(v[i], 0, optimizer.v[i], 0, v[i].length);
    }
    optimizer.step = step;
  }

  /** Writes the state to {@code file} atomically (a temporary file, then a rename). */
  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream os = Files.newOutputStream(tmp);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(adapter.rank());
      out.writeFloat(adapter.alpha());
      for (boolean t : adapter.targets()) {
        out.writeBoolean(t);
      }
      out.writeInt(step);
      out.writeInt(epochs);
      out.writeLong(trainedTokens);
      List<float[]> params = adapter.parameters();
      out.writeInt(params.size());
      for (int i = 0; i < params.size(); i++) {
        writeArray(out, params.get(i));
        writeArray(out, m[i]);
        writeArray(out, v[i]);
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a state written by {@link #write} for a model of {@code config}.
   *
   * @throws IOException if the file is unreadable, truncated or for another model shape
   */
  public static TrainerState read(Path file, LlamaConfig config) throws IOException {
    try (InputStream is = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IOException(file + " is not a training state of this version");
      }
      int rank = in.readInt();
      float alpha = in.readFloat();
      boolean[] targets = new boolean[LayerAdapter.TARGET_COUNT];
      for (int i = 0; i < targets.length; i++) {
        targets[i] = in.readBoolean();
      }
      int step = in.readInt();
      int epochs = in.readInt();
      long tokens = in.readLong();
      LoraAdapter adapter = new LoraAdapter(config, rank, alpha, targets);
      List<float[]> params = adapter.parameters();
      if (in.readInt() != params.size()) {
        throw new IOException(file + " was written for another model or adapter shape");
      }
      float[][] m = new float[params.size()][];
      float[][] v = new float[params.size()][];
      for (int i = 0; i < params.size(); i++) {
        readArray(in, params.get(i), file);
        m[i] = new float[params.get(i).length];
        v[i] = new float[params.get(i).length];
        readArray(in, m[i], file);
        readArray(in, v[i], file);
      }
      return new TrainerState(adapter, m, v, step, epochs, tokens);
    }
  }

  private static void writeArray(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    for (float f : a) {
      out.writeFloat(f);
    }
  }

  private static void readArray(DataInputStream in, float[] into, Path file) throws IOException {
    if (in.readInt() != into.length) {
      throw new IOException(file + " was written for another model or adapter shape");
    }
    for (int i = 0; i < into.length; i++) {
      into[i] = in.readFloat();
    }
  }
}
