package dev.llmkit.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.llmkit.openai.internal.wire.WireJson;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock transformer that plays OpenAI's {@code /files} endpoints with an in-memory store, so
 * the stateful {@code FileServiceContract} (upload, then retrieve, list, download, delete) runs
 * against real HTTP and real multipart parsing. Stub {@code /v1/files.*} with this transformer.
 */
final class FakeFilesServer implements ResponseDefinitionTransformerV2 {
  static final String NAME = "fake-files";

  private record Stored(String id, String filename, String purpose, byte[] content, long created) {}

  private final Map<String, Stored> files = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /** Forgets every stored file. */
  void clear() {
    files.clear();
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String path = request.getUrl().replaceFirst("\\?.*$", "");
    String method = request.getMethod().value();
    String rest = path.substring("/v1/files".length());
    if (rest.isEmpty() && method.equals("POST")) {
      return upload(request);
    }
    if (rest.isEmpty() && method.equals("GET")) {
      return list(request.queryParameter("purpose"));
    }
    String[] segments = rest.substring(1).split("/");
    Stored file = files.get(segments[0]);
    if (file == null) {
      return json(
          404,
          Map.of(
              "error",
              Map.of(
                  "message",
                  "No such File object: " + segments[0],
                  "type",
                  "invalid_request_error",
                  "param",
                  "id")));
    }
    if (segments.length == 2 && segments[1].equals("content") && method.equals("GET")) {
      return ResponseDefinitionBuilder.responseDefinition()
          .withStatus(200)
          .withHeader("Content-Type", "application/octet-stream")
          .withBody(file.content())
          .build();
    }
    if (method.equals("DELETE")) {
      files.remove(file.id());
      return json(200, Map.of("id", file.id(), "object", "file", "deleted", true));
    }
    return json(200, describe(file));
  }

  private ResponseDefinition upload(Request request) {
    Request.Part purpose = request.getPart("purpose");
    Request.Part file = request.getPart("file");
    if (purpose == null || file == null) {
      return json(
          400,
          Map.of(
              "error",
              Map.of("message", "purpose and file are required", "type", "invalid_request_error")));
    }
    Stored stored =
        new Stored(
            "file-" + ids.incrementAndGet(),
            file.getFileName(),
            purpose.getBody().asString(),
            file.getBody().asBytes(),
            1_700_000_000L + ids.get());
    files.put(stored.id(), stored);
    return json(200, describe(stored));
  }

  private ResponseDefinition list(QueryParameter purpose) {
    List<Object> data = new ArrayList<>();
    files.values().stream()
        .filter(f -> !purpose.isPresent() || f.purpose().equals(purpose.firstValue()))
        .forEach(f -> data.add(describe(f)));
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("object", "list");
    page.put("data", data);
    page.put("has_more", false);
    return json(200, page);
  }

  private static Map<String, Object> describe(Stored f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", f.id());
    out.put("object", "file");
    out.put("bytes", f.content().length);
    out.put("created_at", f.created());
    out.put("filename", f.filename());
    out.put("purpose", f.purpose());
    out.put("status", "processed");
    return out;
  }

  private static ResponseDefinition json(int status, Object body) {
    try {
      return ResponseDefinitionBuilder.responseDefinition()
          .withStatus(status)
          .withHeader("Content-Type", "application/json")
          .withBody(WireJson.MAPPER.writeValueAsString(body))
          .build();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
