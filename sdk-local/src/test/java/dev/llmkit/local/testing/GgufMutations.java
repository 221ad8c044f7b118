package dev.llmkit.local.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Seeded mutations of a valid GGUF file for robustness tests: truncations at every section boundary
 * and at random offsets, byte flips in the header, metadata and tensor infos, absurd integer and
 * float metadata values (counts, dimensions, context and head sizes), absurd tensor dimension
 * counts, dimensions, types and offsets, and array lengths. The layout is read by a small
 * independent scanner, not by the code under test.
 */
public final class GgufMutations {
  /** One mutated file and what was done to it. */
  public record Mutant(String description, byte[] bytes) {}

  /** An integer or float scalar in the metadata: where its value is and how wide. */
  private record Scalar(String key, int at, int type, boolean topLevel) {}

  private static final long[] ABSURD_INTS = {
    0,
    1,
    2,
    3,
    -1,
    -2,
    0x7FFFFFFFL,
    0x80000000L,
    0xFFFFFFFFL,
    1L << 24,
    (1L << 24) + 5,
    1L << 31,
    1L << 40,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    65536,
    4097,
    100_000_000
  };
  private static final float[] ABSURD_FLOATS = {
    0f,
    -1f,
    Float.NaN,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    1e38f,
    -1e-45f,
    Float.MIN_VALUE
  };

  private final byte[] original;
  private final TreeSet<Integer> boundaries = new TreeSet<>();
  private final List<Scalar> scalars = new ArrayList<>();

  /** Positions of array length fields (u64). */
  private final List<Integer> arrayCounts = new ArrayList<>();

  /** Per tensor info: position of n_dims, dims, type, offset. */
  private final List<int[]> tensorFields = new ArrayList<>();

  private int headerEnd;
  private int metadataEnd;
  private int infosEnd;

  private GgufMutations(byte[] original) {
    this.original = original;
    scan();
  }

  /** Reads the layout of a valid GGUF (v2/v3) file. */
  public static GgufMutations of(byte[] gguf) {
    return new GgufMutations(gguf);
  }

  private void scan() {
    ByteBuffer b = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
    b.position(8);
    long tensors = b.getLong();
    long kvs = b.getLong();
    headerEnd = b.position();
    boundaries.addAll(List.of(0, 4, 8, 16, 24));
    for (long i = 0; i < kvs; i++) {
      String key = string(b);
      boundaries.add(b.position());
      int type = b.getInt();
      value(b, key, type, true);
      boundaries.add(b.position());
    }
    metadataEnd = b.position();
    for (long i = 0; i < tensors; i++) {
      string(b);
      int nDimsAt = b.position();
      int nDims = b.getInt();
      int dimsAt = b.position();
      b.position(dimsAt + 8 * nDims);
      int typeAt = b.position();
      b.getInt();
      int offsetAt = b.position();
      b.getLong();
      tensorFields.add(new int[] {nDimsAt, dimsAt, nDims, typeAt, offsetAt});
      boundaries.add(b.position());
    }
    infosEnd = b.position();
    for (int at = infosEnd; at < original.length; at += Math.max(1, original.length / 16)) {
      boundaries.add(at);
    }
    boundaries.add(original.length - 1);
  }

  private static String string(ByteBuffer b) {
    int n = (int) b.getLong();
    byte[] s = new byte[n];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  private void value(ByteBuffer b, String key, int type, boolean topLevel) {
    int at = b.position();
    switch (type) {
      case 0, 1, 7 -> b.position(at + 1);
      case 2, 3 -> b.position(at + 2);
      case 4, 5, 6 -> b.position(at + 4);
      case 10, 11, 12 -> b.position(at + 8);
      case 8 -> string(b);
      case 9 -> {
        int elemType = b.getInt();
        arrayCounts.add(b.position());
        long n = b.getLong();
        for (long i = 0; i < n; i++) {
          value(b, key, elemType, false);
        }
        return;
      }
      default -> throw new IllegalArgumentException("not a valid GGUF: value type " + type);
    }
    if (type != 7 && type != 8) {
      scalars.add(new Scalar(key, at, type, topLevel));
    }
  }

  /** {@code count} mutants from {@code seed}; the same seed gives the same mutants. */
  public List<Mutant> mutants(long seed, int count) {
    Random r = new Random(seed);
    List<Mutant> out = new ArrayList<>();
    for (int at : boundaries) { // every boundary once, then random kinds
      if (at < original.length) {
        out.add(new Mutant("truncate at boundary " + at, Arrays.copyOf(original, at)));
      }
    }
    while (out.size() < count) {
      out.add(randomMutant(r));
    }
    return out.subList(0, Math.min(count, out.size()));
  }

  private Mutant randomMutant(Random r) {
    byte[] m = original.clone();
    ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
    switch (r.nextInt(10) % 8 == 0 ? 3 : r.nextInt(8)) {
      case 0:
        {
          int at = r.nextInt(original.length);
          return new Mutant("truncate at " + at, Arrays.copyOf(original, at));
        }
      case 1:
        { // bit flips in the header and metadata
          int at = r.nextInt(metadataEnd);
          int bit = r.nextInt(8);
          m[at] ^= (byte) (1 << bit);
          return new Mutant("flip bit " + bit + " at " + at + " (metadata)", m);
        }
      case 2:
        { // random bytes in the tensor infos
          int at = metadataEnd + r.nextInt(Math.max(1, infosEnd - metadataEnd));
          m[at] = (byte) r.nextInt(256);
          return new Mutant("byte " + (m[at] & 0xFF) + " at " + at + " (tensor infos)", m);
        }
      case 3:
        { // absurd integer metadata
          boolean top = r.nextInt(4) > 0; // mostly hyper-parameters, sometimes array elements
          Scalar s =
              pick(
                  r,
                  scalars.stream()
                      .filter(x -> x.type != 6 && x.type != 12 && x.topLevel == top)
                      .toList());
          if (s == null) {
            return randomMutant(r);
          }
          long v = ABSURD_INTS[r.nextInt(ABSURD_INTS.length)];
          putInt(b, s, v);
          return new Mutant(s.key + " = " + v, m);
        }
      case 4:
        { // absurd float metadata
          Scalar s =
              pick(
                  r,
                  scalars.stream()
                      .filter(x -> (x.type == 6 || x.type == 12) && x.topLevel)
                      .toList());
          if (s == null) {
            return randomMutant(r);
          }
          float v = ABSURD_FLOATS[r.nextInt(ABSURD_FLOATS.length)];
          if (s.type == 6) {
            b.putFloat(s.at, v);
          } else {
            b.putDouble(s.at, v);
          }
          return new Mutant(s.key + " = " + v, m);
        }
      case 5:
        { // absurd array length
          int at = arrayCounts.get(r.nextInt(arrayCounts.size()));
          long v = ABSURD_INTS[r.nextInt(ABSURD_INTS.length)];
          b.putLong(at, v);
          return new Mutant("array length at " + at + " = " + v, m);
        }
      case 6:
        { // absurd tensor info field
          int[] t = tensorFields.get(r.nextInt(tensorFields.size()));
          int field = r.nextInt(4);
          long v = ABSURD_INTS[r.nextInt(ABSURD_INTS.length)];
          switch (field) {
            case 0 -> b.putInt(t[0], (int) (r.nextBoolean() ? v : r.nextInt(8)));
            case 1 ->
                b.putLong(t[1] + 8 * r.nextInt(t[2]), r.nextBoolean() ? v : r.nextInt(100_000));
            case 2 -> b.putInt(t[3], r.nextBoolean() ? (int) v : r.nextInt(42));
            default -> b.putLong(t[4], r.nextBoolean() ? v : 32L * r.nextInt(100_000));
          }
          return new Mutant("tensor info at " + t[0] + " field " + field, m);
        }
      default:
        { // several random bytes anywhere before the data
          int n = 1 + r.nextInt(8);
          for (int i = 0; i < n; i++) {
            m[r.nextInt(infosEnd)] = (byte) r.nextInt(256);
          }
          return new Mutant(n + " random bytes before the data (seeded)", m);
        }
    }
  }

  private static Scalar pick(Random r, List<Scalar> list) {
    return list.isEmpty() ? null : list.get(r.nextInt(list.size()));
  }

  private static void putInt(ByteBuffer b, Scalar s, long v) {
    switch (s.type) {
      case 0, 1 -> b.put(s.at, (byte) v);
      case 2, 3 -> b.putShort(s.at, (short) v);
      case 4, 5 -> b.putInt(s.at, (int) v);
      default -> b.putLong(s.at, v);
    }
  }

  /** Bytes of header, metadata and tensor infos, for reports. */
  public String layout() {
    return "header "
        + headerEnd
        + " B, metadata to "
        + metadataEnd
        + ", tensor infos to "
        + infosEnd
        + ", file "
        + original.length
        + " B, "
        + scalars.size()
        + " scalars, "
        + arrayCounts.size()
        + " arrays, "
        + tensorFields.size()
        + " tensors";
  }
}
