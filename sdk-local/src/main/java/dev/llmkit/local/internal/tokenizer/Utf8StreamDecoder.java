package dev.llmkit.local.internal.tokenizer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns a stream of byte chunks into text, emitting only complete UTF-8 characters. Bytes of a
 * character that is still incomplete at the end of a chunk are held back until the next chunk;
 * bytes that can never form a valid character become U+FFFD at once.
 *
 * <p>Not thread-safe: use one instance per stream.
 */
public final class Utf8StreamDecoder {
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);

  /** Held-back bytes, in read mode between calls (at most 3). */
  private ByteBuffer pending = ByteBuffer.allocate(0);

  /** Appends bytes and returns the text they complete (possibly empty). */
  public String feed(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length == 0) {
      return "";
    }
    ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length);
    in.put(pending).put(bytes).flip();
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, out, false);
    pending = in.slice();
    return out.flip().toString();
  }

  /** Returns the held-back bytes as U+FFFD (they cannot be completed any more) and resets. */
  public String flush() {
    ByteBuffer in = pending;
    pending = ByteBuffer.allocate(0);
    CharBuffer out = CharBuffer.allocate(in.remaining() + 2);
    decoder.decode(in, out, true);
    decoder.flush(out);
    decoder.reset();
    return out.flip().toString();
  }

  /** Whether bytes are held back waiting for the rest of a character. */
  public boolean hasPending() {
    return pending.hasRemaining();
  }
}
