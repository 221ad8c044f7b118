package dev.llmkit.openai.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.chat.ChatChunk;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast chunk reader gives exactly what Jackson and {@link ResponseMapper#chunk} give, or
 * declines: checked on every event of every recorded stream, and on shapes written for the edges.
 */
class ChunkFastPathTest {
  private static final String PREFIX =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
          + "\"created\":1754999999,\"model\":\"gpt-4o-mini\",";

  @Test
  void everyRecordedEventReadsAsTheDtoPathReadsIt() throws IOException, URISyntaxException {
    Path root = Path.of(getClass().getResource("/golden/openai").toURI());
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".sse")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(5);
    int fast = 0;
    int events = 0;
    for (Path file : files) {
      ChunkFastPath reader = new ChunkFastPath(); // one per stream, as in use
      for (String data : dataOf(file)) {
        events++;
        ChatChunk chunk = reader.parse(data);
        if (chunk != null) {
          fast++;
          assertThat(chunk).as(file.getFileName() + ": " + data).isEqualTo(viaDtos(data));
        }
      }
    }
    // the plain text chunks of the recorded chat streams (most events) take the fast path
    assertThat(fast).as("of %d events", events).isGreaterThan(events / 2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        PREFIX
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}",
        PREFIX
            + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":"
            + "0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,"
            + "\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"Qx7\"}",
        PREFIX
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00"
            + "\\/\\t\\r\\b\\f\"},\"finish_reason\":null}]}",
        PREFIX
            + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"x\":true,"
            + "\"y\":false,\"z\":null,\"n\":-12,\"big\":123456789012,\"s\":\"v\"}",
        PREFIX
            + "\"choices\":[{\"index\":1,\"delta\":{\"content\":\"b\"}},{\"index\":0,\"delta\":"
            + "{\"content\":\"a\"},\"finish_reason\":\"length\"},{\"delta\":null}]}",
        " { \"id\" : null , \"choices\" : null , \"created\" : null , \"model\":null } \n",
        "{\"choices\":[],\"object\":\"chat.completion.chunk\",\"obfuscation\":\"k\"}",
        "{}",
        PREFIX
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"brand_new\"}]}",
        PREFIX
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"developer\",\"content\":\"x\"}}]}",
        "{\"id\":\"same\",\"id\":\"last\",\"choices\":[]}",
        "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,"
            + "\"object\":\"chat.completion.chunk\",\"j\":null,\"choices\":[]}",
      })
  void readsTheCommonShapesExactlyAsTheDtos(String data) throws IOException {
    ChatChunk chunk = new ChunkFastPath().parse(data);
    assertThat(chunk).as(data).isNotNull().isEqualTo(viaDtos(data));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        PREFIX + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0}]}}]}",
        PREFIX + "\"choices\":[],\"usage\":{\"prompt_tokens\":1}}",
        "{\"error\":{\"message\":\"boom\"}}",
        PREFIX + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":{\"content\":[]}}]}",
        PREFIX + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"\"}]}",
        PREFIX + "\"choices\":[{\"index\":0,\"message\":{\"content\":\"m\"}}]}",
        PREFIX + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"extra\":1}]}",
        PREFIX + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\",\"audio\":{}}}]}",
        PREFIX + "\"choices\":[{\"index\":null,\"delta\":{}}]}",
        PREFIX + "\"choices\":[null]}",
        "{\"created\":1.5,\"choices\":[]}",
        "{\"created\":\"17\",\"choices\":[]}",
        "{\"id\":5,\"choices\":[]}",
        "{\"f\":1.25,\"choices\":[]}",
        "{\"o\":{\"a\":1},\"choices\":[]}",
        "{\"a\":[1],\"choices\":[]}",
        "{\"k\\\"q\":1}",
        "{\"n\":01}",
        "{\"n\":12345678901234567890}",
        "{\"choices\":[]} trailing",
        "{\"choices\":[],}",
        "{\"x\":1,\"x\":2,\"choices\":[]}",
        "{\"choices\":[]",
        "{\"s\":\"raw\ttab\"}",
        "[]",
        "",
      })
  void declinesWhatItCannotMapExactly(String data) {
    assertThat(new ChunkFastPath().parse(data)).as(data).isNull();
  }

  @Test
  void reusesTheStringsThatRepeatFromChunkToChunk() {
    ChunkFastPath reader = new ChunkFastPath();
    String event =
        PREFIX
            + "\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"a\"}}]}";
    ChatChunk first = reader.parse(event);
    ChatChunk second = reader.parse(event.replace("\"a\"", "\"b\""));
    assertThat(second.id()).isSameAs(first.id());
    assertThat(second.model()).isSameAs(first.model());
    assertThat(second.systemFingerprint().get()).isSameAs(first.systemFingerprint().get());
    assertThat(second.text()).isEqualTo("b");
    ChatChunk other = reader.parse(event.replace("chatcmpl-1", "chatcmpl-2"));
    assertThat(other.id()).isEqualTo("chatcmpl-2");
    ChatChunk withField = reader.parse(event.replace("{\"id\"", "{\"obfuscation\":\"q\",\"id\""));
    ChatChunk without = reader.parse(event);
    assertThat(withField.extra())
        .containsExactly(
            java.util.Map.entry("obfuscation", "q"),
            java.util.Map.entry("object", "chat.completion.chunk"));
    assertThat(without.extra()).containsOnlyKeys("object"); // nothing left from the chunk before
  }

  private static ChatChunk viaDtos(String data) throws IOException {
    return ResponseMapper.chunk(WireJson.MAPPER.readValue(data, ChatCompletionDto.class));
  }

  private static List<String> dataOf(Path sse) throws IOException {
    List<String> out = new ArrayList<>();
    for (String event : Files.readString(sse, StandardCharsets.UTF_8).split("\r?\n\r?\n")) {
      StringBuilder data = new StringBuilder();
      for (String line : event.split("\r?\n")) {
        if (line.startsWith("data:")) {
          String value = line.substring(5);
          data.append(data.length() > 0 ? "\n" : "")
              .append(value.startsWith(" ") ? value.substring(1) : value);
        }
      }
      if (data.length() > 0 && !data.toString().equals("[DONE]")) {
        out.add(data.toString());
      }
    }
    return out;
  }
}
