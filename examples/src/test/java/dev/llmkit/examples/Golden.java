package dev.llmkit.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import dev.llmkit.openai.OpenAiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Example test fixtures: golden responses, an OpenAI client on WireMock, output capture. */
final class Golden {
  private Golden() {}

  static String read(String name) {
    try (var in = Golden.class.getResourceAsStream("/golden/openai/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResponseDefinitionBuilder json(String name) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(read(name));
  }

  static ResponseDefinitionBuilder sse(String name) {
    return aResponse().withHeader("Content-Type", "text/event-stream").withBody(read(name));
  }

  static OpenAiClient openAi(WireMockRuntimeInfo wm) {
    return OpenAiClient.builder()
        .apiKey("test-key")
        .baseUrl(wm.getHttpBaseUrl() + "/v1/")
        .maxRetries(0)
        .build();
  }

  /** A PrintStream whose text {@link #toString()} returns, lines ending in \n. */
  static final class Capture extends PrintStream {
    private final ByteArrayOutputStream bytes;

    Capture() {
      this(new ByteArrayOutputStream());
    }

    private Capture(ByteArrayOutputStream bytes) {
      super(bytes, true, StandardCharsets.UTF_8);
      this.bytes = bytes;
    }

    @Override
    public String toString() {
      flush();
      return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
  }
}
