package dev.llmkit.local.internal.gguf;

import dev.llmkit.ModelLoadException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An open GGUF file (versions 2 and 3, little-endian): metadata and tensor infos parsed into the
 * heap, tensor data memory-mapped read-only and never copied.
 *
 * <p>Tensor data is mapped in segments of at most 1 GiB (a segment holds whole tensors; a single
 * tensor larger than that gets its own mapping, up to 2 GiB), so files over 2 GiB load. Every count
 * and length in the file is checked against the file size before anything is allocated; any problem
 * is reported as a {@link ModelLoadException} naming the file.
 *
 * <p>{@link #close()} closes the file channel. Mapped buffers stay valid until they are garbage
 * collected (Java 17 has no supported explicit unmap).
 */
public final class GgufFile implements AutoCloseable {
  static final long DEFAULT_MAX_SEGMENT_BYTES = 1L << 30;
  private static final String SUPPORTED = "llmkit reads GGUF versions 2 and 3 (little-endian)";

  private final Path path;
  private final FileChannel channel;
  private final int version;
  private final GgufMetadata metadata;
  private final List<TensorInfo> tensors;
  private final Map<String, TensorInfo> tensorsByName;
  private final Map<String, ByteBuffer> segmentByTensor;
  private final Map<String, Long> segmentStartByTensor;
  private final long dataOffset;
  private volatile boolean closed;

  private GgufFile(
      Path path,
      FileChannel channel,
      int version,
      GgufMetadata metadata,
      List<TensorInfo> tensors,
      long dataOffset,
      long maxSegmentBytes)
      throws IOException {
    this.path = path;
    this.channel = channel;
    this.version = version;
    this.metadata = metadata;
    this.tensors = Collections.unmodifiableList(tensors);
    this.dataOffset = dataOffset;
    this.tensorsByName = new HashMap<>();
    for (TensorInfo t : tensors) {
      tensorsByName.put(t.name(), t);
    }
    this.segmentByTensor = new HashMap<>();
    this.segmentStartByTensor = new HashMap<>();
    mapSegments(maxSegmentBytes);
  }

  /** Opens and validates a GGUF file. */
  public static GgufFile open(Path path) {
    return open(path, DEFAULT_MAX_SEGMENT_BYTES);
  }

  static GgufFile open(Path path, long maxSegmentBytes) {
    if (Files.isDirectory(path)) {
      throw new ModelLoadException("local", path + ": is a directory, not a GGUF model file");
    }
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      throw new ModelLoadException(
          "local", path + ": is not a regular file (a GGUF model file is needed)");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new ModelLoadException("local", path + ": model file not found", e);
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException(
          "local", path + ": cannot open model file: " + e.getMessage(), e);
    }
    try {
      return GgufParser.parse(path, channel, maxSegmentBytes);
    } catch (GgufFormatException e) {
      closeQuietly(channel);
      throw new ModelLoadException(
          "local", path + ": " + e.getMessage() + " (" + SUPPORTED + ")", e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ModelLoadException(
          "local", path + ": cannot read model file: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw new ModelLoadException(
          "local", path + ": corrupt GGUF file (" + e + "); " + SUPPORTED, e);
    }
  }

  static GgufFile create(
      Path path,
      FileChannel channel,
      int version,
      GgufMetadata metadata,
      List<TensorInfo> tensors,
      long dataOffset,
      long maxSegmentBytes)
      throws IOException {
    return new GgufFile(path, channel, version, metadata, tensors, dataOffset, maxSegmentBytes);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already failing with a better message
    }
  }

  private void mapSegments(long maxSegmentBytes) throws IOException {
    List<TensorInfo> sorted = new ArrayList<>(tensors);
    sorted.sort((a, b) -> Long.compare(a.offset(), b.offset()));
    List<TensorInfo> group = new ArrayList<>();
    long start = 0;
    long end = 0;
    for (TensorInfo t : sorted) {
      if (t.byteSize() > Integer.MAX_VALUE - 64) {
        throw new GgufFormatException(
            "tensor "
                + GgufParser.shown(t.name())
                + " has "
                + t.byteSize()
                + " bytes; tensors of 2 GiB and more are not supported");
      }
      long tEnd = t.offset() + t.byteSize();
      if (!group.isEmpty() && Math.max(end, tEnd) - start <= maxSegmentBytes) {
        end = Math.max(end, tEnd);
        group.add(t);
        continue;
      }
      mapGroup(group, start, end);
      group.clear();
      group.add(t);
      start = t.offset();
      end = tEnd;
    }
    mapGroup(group, start, end);
  }

  private void mapGroup(List<TensorInfo> group, long start, long end) throws IOException {
    if (group.isEmpty()) {
      return;
    }
    ByteBuffer segment =
        channel.map(FileChannel.MapMode.READ_ONLY, dataOffset + start, end - start);
    for (TensorInfo t : group) {
      segmentByTensor.put(t.name(), segment);
      segmentStartByTensor.put(t.name(), start);
    }
  }

  public Path path() {
    return path;
  }

  /** GGUF version: 2 or 3. */
  public int version() {
    return version;
  }

  public GgufMetadata metadata() {
    return metadata;
  }

  /** Tensor infos in file order. */
  public List<TensorInfo> tensors() {
    return tensors;
  }

  public Optional<TensorInfo> tensor(String name) {
    return Optional.ofNullable(tensorsByName.get(name));
  }

  /** Absolute file offset of the (aligned) start of tensor data. */
  public long dataOffset() {
    return dataOffset;
  }

  /**
   * The tensor's bytes: a read-only little-endian view of the mapped file, position 0, capacity
   * {@link TensorInfo#byteSize()}. Nothing is copied.
   */
  public ByteBuffer tensorData(TensorInfo tensor) {
    if (closed) {
      throw new IllegalStateException(path + " is closed");
    }
    ByteBuffer segment = segmentByTensor.get(tensor.name());
    if (segment == null || !tensor.equals(tensorsByName.get(tensor.name()))) {
      throw new IllegalArgumentException("tensor " + tensor.name() + " is not a tensor of " + path);
    }
    long start = Objects.requireNonNull(segmentStartByTensor.get(tensor.name()), tensor.name());
    int from = (int) (tensor.offset() - start);
    ByteBuffer view = segment.duplicate();
    view.limit(from + (int) tensor.byteSize()).position(from);
    return view.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Closes the file channel. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(channel);
  }

  @Override
  public String toString() {
    return "GgufFile[" + path + ", v" + version + ", " + tensors.size() + " tensors]";
  }
}
