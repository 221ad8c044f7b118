package dev.llmkit.openai.internal.wire;

import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatDelta;
import dev.llmkit.chat.ChunkChoice;
import dev.llmkit.chat.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the common text chunk of a chat stream straight from its JSON into a {@link ChatChunk},
 * without Jackson's parser, DTOs and intermediate maps: string fields that repeat in every chunk
 * ({@code id}, {@code object}, {@code model}, {@code system_fingerprint}, {@code service_tier}) are
 * compared in place and the previous chunk's string reused. One instance serves one stream.
 *
 * <p>It only accepts what it can map exactly as {@link ResponseMapper#chunk} maps the DTO: a
 * top-level object with the known scalar fields, {@code choices} of objects with {@code index},
 * {@code delta} ({@code role}, {@code content}, {@code refusal}), {@code logprobs: null} and {@code
 * finish_reason}, {@code usage: null}, and unknown top-level fields whose values are strings,
 * booleans, null or integers. For anything else (tool calls, usage, logprobs, errors, other unknown
 * fields, escapes in keys, numbers that need coercion, malformed JSON) {@link #parse} returns null
 * and the caller reads the data through the DTOs.
 */
public final class ChunkFastPath {
  private String data = "";
  private int pos;
  private final StringBuilder scratch = new StringBuilder(64);
  private @Nullable String lastId;
  private @Nullable String lastObject;
  private @Nullable String lastModel;
  private @Nullable String lastFingerprint;
  private @Nullable String lastTier;
  private @Nullable String lastRole;

  /** Unknown fields and {@code object}, reused: the chunk's builder copies it. */
  private final ScratchMap extra = new ScratchMap();

  /** Names of unknown fields seen in this stream, so each chunk need not copy them again. */
  private final String[] keyCache = new String[8];

  /** Signals that the data is outside the fast path; never escapes {@link #parse}. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final Unsupported UNSUPPORTED = new Unsupported();

  /** The chunk, or null when the data is not a plain text chunk (read it through the DTOs). */
  public @Nullable ChatChunk parse(String json) {
    data = json;
    pos = 0;
    try {
      return chunk();
    } catch (Unsupported | IndexOutOfBoundsException e) {
      return null;
    }
  }

  private ChatChunk chunk() {
    String id = null;
    String object = null;
    long created = 0;
    String model = null;
    String fingerprint = null;
    String tier = null;
    List<ChunkChoice> choices = Collections.emptyList();
    extra.clear();
    expect('{');
    if (!peekIs('}')) {
      do {
        int keyStart = keyStart();
        int keyEnd = keyEnd(keyStart);
        expect(':');
        if (key(keyStart, keyEnd, "id")) {
          id = lastId = cachedString(lastId);
        } else if (key(keyStart, keyEnd, "object")) {
          object = lastObject = cachedString(lastObject);
        } else if (key(keyStart, keyEnd, "created")) {
          created = nullableLong();
        } else if (key(keyStart, keyEnd, "model")) {
          model = lastModel = cachedString(lastModel);
        } else if (key(keyStart, keyEnd, "system_fingerprint")) {
          fingerprint = lastFingerprint = cachedString(lastFingerprint);
        } else if (key(keyStart, keyEnd, "service_tier")) {
          tier = lastTier = cachedString(lastTier);
        } else if (key(keyStart, keyEnd, "choices")) {
          choices = choices();
        } else if (key(keyStart, keyEnd, "usage") || key(keyStart, keyEnd, "error")) {
          literalNull();
        } else {
          String name = keyName(keyStart, keyEnd);
          if (extra.containsKey(name)) {
            throw UNSUPPORTED; // Jackson's any-setter keeps the first of repeated fields
          }
          extra.put(name, scalar());
        }
      } while (comma('}'));
    }
    skipWhitespace();
    if (pos != data.length()) {
      throw UNSUPPORTED;
    }
    if (object != null) {
      extra.put("object", object); // last, as WireJson.withObject puts it
    }
    return ChatChunk.builder()
        .id(id == null ? "" : id)
        .created(created)
        .model(model == null ? "" : model)
        .choices(choices)
        .systemFingerprint(fingerprint)
        .serviceTier(tier)
        .extra(extra)
        .build();
  }

  private List<ChunkChoice> choices() {
    if (tryNull()) {
      return Collections.emptyList();
    }
    expect('[');
    if (peekIs(']')) {
      return Collections.emptyList();
    }
    ChunkChoice first = choice(0);
    if (!comma(']')) {
      return Collections.singletonList(first);
    }
    List<ChunkChoice> out = new ArrayList<>(4);
    out.add(first);
    do {
      out.add(choice(out.size()));
    } while (comma(']'));
    return out;
  }

  private ChunkChoice choice(int position) {
    int index = position;
    ChatDelta delta = null;
    String finish = null;
    expect('{');
    if (!peekIs('}')) {
      do {
        int keyStart = keyStart();
        int keyEnd = keyEnd(keyStart);
        expect(':');
        if (key(keyStart, keyEnd, "index")) {
          index = intValue();
        } else if (key(keyStart, keyEnd, "delta")) {
          delta = delta();
        } else if (key(keyStart, keyEnd, "finish_reason")) {
          finish = tryNull() ? null : string();
          if (finish != null && finish.isEmpty()) {
            throw UNSUPPORTED; // "" finishes the choice for the tracker but maps to no reason
          }
        } else if (key(keyStart, keyEnd, "logprobs")) {
          literalNull();
        } else {
          throw UNSUPPORTED; // message, or fields kept in the choice's extra()
        }
      } while (comma('}'));
    }
    return ChunkChoice.builder()
        .index(index)
        .delta(delta == null ? ChatDelta.builder().build() : delta)
        .finishReason(ResponseMapper.finishReason(finish))
        .build();
  }

  private @Nullable ChatDelta delta() {
    if (tryNull()) {
      return null;
    }
    String role = null;
    String content = null;
    String refusal = null;
    expect('{');
    if (!peekIs('}')) {
      do {
        int keyStart = keyStart();
        int keyEnd = keyEnd(keyStart);
        expect(':');
        if (key(keyStart, keyEnd, "content")) {
          content = tryNull() ? null : string();
        } else if (key(keyStart, keyEnd, "role")) {
          role = lastRole = cachedString(lastRole);
        } else if (key(keyStart, keyEnd, "refusal")) {
          refusal = tryNull() ? null : string();
        } else {
          throw UNSUPPORTED; // tool calls, or fields kept in the delta's extra()
        }
      } while (comma('}'));
    }
    return ChatDelta.builder()
        .role(role == null ? null : Role.of(role))
        .content(content)
        .refusal(refusal)
        .build();
  }

  // ---- JSON scanning ----

  private void skipWhitespace() {
    while (pos < data.length()) {
      char c = data.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private void expect(char c) {
    skipWhitespace();
    if (data.charAt(pos) != c) {
      throw UNSUPPORTED;
    }
    pos++;
  }

  private boolean peekIs(char c) {
    skipWhitespace();
    if (data.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** After a member: true at a comma, false at {@code close}. */
  private boolean comma(char close) {
    skipWhitespace();
    char c = data.charAt(pos++);
    if (c == ',') {
      return true;
    }
    if (c == close) {
      return false;
    }
    throw UNSUPPORTED;
  }

  /** The start of a key's characters; keys with escapes are not supported. */
  private int keyStart() {
    expect('"');
    return pos;
  }

  private int keyEnd(int start) {
    int end = data.indexOf('"', start);
    if (end < 0 || data.lastIndexOf('\\', end) >= start) {
      throw UNSUPPORTED;
    }
    pos = end + 1;
    return end;
  }

  /** The name of an unknown field, the same string as in an earlier chunk when it repeats. */
  private String keyName(int start, int end) {
    int n = end - start;
    for (int i = 0; i < keyCache.length; i++) {
      String k = keyCache[i];
      if (k == null) {
        k = data.substring(start, end);
        keyCache[i] = k;
        return k;
      }
      if (k.length() == n && data.regionMatches(start, k, 0, n)) {
        return k;
      }
    }
    return data.substring(start, end);
  }

  private boolean key(int start, int end, String name) {
    return end - start == name.length() && data.regionMatches(start, name, 0, name.length());
  }

  private boolean tryNull() {
    skipWhitespace();
    if (data.startsWith("null", pos)) {
      pos += 4;
      return true;
    }
    return false;
  }

  private void literalNull() {
    if (!tryNull()) {
      throw UNSUPPORTED;
    }
  }

  /** A string or null; returns {@code cached} when the string equals it. */
  private @Nullable String cachedString(@Nullable String cached) {
    if (tryNull()) {
      return null;
    }
    expect('"');
    if (cached != null) {
      int n = cached.length();
      if (data.regionMatches(pos, cached, 0, n)
          && pos + n < data.length()
          && data.charAt(pos + n) == '"'
          && cached.indexOf('"') < 0
          && cached.indexOf('\\') < 0) {
        pos += n + 1;
        return cached;
      }
    }
    return stringBody();
  }

  private String string() {
    expect('"');
    return stringBody();
  }

  /** The rest of a string after its opening quote, with escapes decoded. */
  private String stringBody() {
    int start = pos;
    while (true) {
      char c = data.charAt(pos);
      if (c == '"') {
        pos++;
        return data.substring(start, pos - 1);
      }
      if (c == '\\') {
        break;
      }
      if (c < 0x20) {
        throw UNSUPPORTED; // Jackson rejects raw control characters; let it say so
      }
      pos++;
    }
    StringBuilder sb = scratch;
    sb.setLength(0);
    sb.append(data, start, pos);
    while (true) {
      char c = data.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw UNSUPPORTED;
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = data.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          int v = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(data.charAt(pos++), 16);
            if (d < 0) {
              throw UNSUPPORTED;
            }
            v = v * 16 + d;
          }
          sb.append((char) v);
        }
        default -> throw UNSUPPORTED;
      }
    }
  }

  /** An integer in the range of long, or null (read as 0, as an absent {@code created}). */
  private long nullableLong() {
    if (tryNull()) {
      return 0;
    }
    return integer();
  }

  private int intValue() {
    long v = integer();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw UNSUPPORTED;
    }
    return (int) v;
  }

  /** A JSON integer of at most 18 digits; fractions and exponents are not supported. */
  private long integer() {
    skipWhitespace();
    boolean negative = data.charAt(pos) == '-';
    if (negative) {
      pos++;
    }
    int start = pos;
    long v = 0;
    while (pos < data.length()) {
      char c = data.charAt(pos);
      if (c < '0' || c > '9') {
        break;
      }
      v = v * 10 + (c - '0');
      pos++;
    }
    int digits = pos - start;
    if (digits == 0 || digits > 18 || (digits > 1 && data.charAt(start) == '0')) {
      throw UNSUPPORTED;
    }
    if (pos < data.length()) {
      char c = data.charAt(pos);
      if (c == '.' || c == 'e' || c == 'E') {
        throw UNSUPPORTED;
      }
    }
    return negative ? -v : v;
  }

  /** An unknown field's value as Jackson's any-setter keeps it: string, boolean, null, int/long. */
  private @Nullable Object scalar() {
    skipWhitespace();
    char c = data.charAt(pos);
    if (c == '"') {
      pos++;
      return stringBody();
    }
    if (data.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (data.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    if (tryNull()) {
      return null;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      long v = integer();
      return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
    }
    throw UNSUPPORTED; // objects and arrays: Jackson builds maps and lists
  }
}
