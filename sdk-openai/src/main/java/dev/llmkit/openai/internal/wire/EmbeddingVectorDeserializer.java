package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads an embedding vector into a {@code float[]} without boxing: a base64 string is decoded from
 * the parser's buffer into bytes and read as little-endian float32; a JSON array is read number by
 * number into a growing primitive array.
 */
public final class EmbeddingVectorDeserializer extends StdDeserializer<float[]> {
  private static final long serialVersionUID = 1L;
  private static final Base64Variant BASE64 =
      Base64Variants.MIME_NO_LINEFEEDS.withReadPadding(
          Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

  public EmbeddingVectorDeserializer() {
    super(float[].class);
  }

  @Override
  public float[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return fromBase64(p, ctxt);
    }
    if (token == JsonToken.START_ARRAY) {
      return fromArray(p, ctxt);
    }
    return (float[]) ctxt.handleUnexpectedToken(float[].class, p);
  }

  private static float[] fromBase64(JsonParser p, DeserializationContext ctxt) throws IOException {
    byte[] bytes = p.getBinaryValue(BASE64);
    if (bytes.length % Float.BYTES != 0) {
      throw ctxt.weirdStringException(
          p.getText(),
          float[].class,
          "base64 embedding has " + bytes.length + " bytes, not a whole number of float32 values");
    }
    float[] out = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  private static float[] fromArray(JsonParser p, DeserializationContext ctxt) throws IOException {
    float[] out = new float[256];
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
        return (float[]) ctxt.handleUnexpectedToken(float.class, p);
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = p.getFloatValue();
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }
}
