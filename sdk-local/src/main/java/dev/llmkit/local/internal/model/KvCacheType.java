package dev.llmkit.local.internal.model;

import java.util.Locale;

/**
 * How a KV cache stores keys and values: {@link #F32} (float, the exact reference) or {@link #F16}
 * (IEEE half precision: half the memory, about three decimal digits per value). Set with {@code
 * llmkit.local.kv-cache-type}.
 */
public enum KvCacheType {
  F32(4),
  F16(2);

  /** The values {@link #parse} accepts, for messages. */
  public static final String ALLOWED = "f16 or f32";

  private final int bytes;

  KvCacheType(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per cached value. */
  public int bytesPerValue() {
    return bytes;
  }

  /**
   * The type named {@code name}, case-insensitive ({@code "f16"}, {@code "f32"}).
   *
   * @throws IllegalArgumentException for any other name, listing the allowed ones
   */
  public static KvCacheType parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("f16")) {
      return F16;
    }
    if (n.equals("f32")) {
      return F32;
    }
    throw new IllegalArgumentException(
        "KV cache type '" + name + "' is not supported; use " + ALLOWED);
  }

  /** The lower-case name {@link #parse} reads. */
  public String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
