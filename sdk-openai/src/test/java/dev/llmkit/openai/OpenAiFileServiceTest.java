package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmApiException;
import dev.llmkit.ServerException;
import dev.llmkit.common.Page;
import dev.llmkit.file.FileDeletion;
import dev.llmkit.file.FileExpiration;
import dev.llmkit.file.FileListRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileService;
import dev.llmkit.file.FileStatus;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.SortOrder;
import dev.llmkit.file.StoredFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WireMockTest
class OpenAiFileServiceTest {
  private static final String JSONL =
      "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
          + "{\"role\":\"assistant\",\"content\":\"Hello!\"}]}\n";

  private FileService files;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    files = CapabilityClients.files(wm.getHttpBaseUrl());
  }

  private static void answerUpload() {
    stubFor(
        post("/v1/files")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/files/file-uploaded.json"))));
  }

  @Test
  void uploadsAPathAsMultipartWithPurposeAndFileParts(@TempDir Path dir) throws IOException {
    answerUpload();
    Path file = Files.writeString(dir.resolve("mydata.jsonl"), JSONL);

    StoredFile stored = files.upload(FileUpload.of(file, FilePurpose.FINE_TUNE));

    verify(
        postRequestedFor(urlEqualTo("/v1/files"))
            .withHeader("Content-Type", containing("multipart/form-data"))
            .withHeader("Content-Length", matching("\\d+"))
            .withoutHeader("Transfer-Encoding")
            .withRequestBodyPart(
                aMultipart().withName("purpose").withBody(equalTo("fine-tune")).build())
            .withRequestBodyPart(
                aMultipart()
                    .withName("file")
                    .withHeader("Content-Disposition", containing("filename=\"mydata.jsonl\""))
                    .withBody(binaryEqualTo(JSONL.getBytes(StandardCharsets.UTF_8)))
                    .build()));
    assertThat(stored.id()).isEqualTo("file-abc123");
    assertThat(stored.purpose()).isEqualTo(FilePurpose.FINE_TUNE);
    assertThat(stored.status()).contains(FileStatus.PROCESSED);
    assertThat(stored.createdAt()).isEqualTo(Instant.ofEpochSecond(1677610602));
    assertThat(stored.expiresAt()).contains(Instant.ofEpochSecond(1680202602));
    assertThat(stored.bytes()).isEqualTo(120000);
    assertThat(stored.extra()).containsKey("future_field");
  }

  @Test
  void uploadsAStreamOfKnownLengthWithExpiration() {
    answerUpload();
    byte[] bytes = JSONL.getBytes(StandardCharsets.UTF_8);
    FileUpload upload =
        FileUpload.builder()
            .content(new ByteArrayInputStream(bytes), bytes.length, "stream.jsonl")
            .purpose(FilePurpose.BATCH)
            .expiresAfter(FileExpiration.afterCreation(Duration.ofDays(1)))
            .build();

    files.upload(upload);

    verify(
        postRequestedFor(urlEqualTo("/v1/files"))
            .withRequestBodyPart(
                aMultipart().withName("purpose").withBody(equalTo("batch")).build())
            .withRequestBodyPart(
                aMultipart()
                    .withName("expires_after[anchor]")
                    .withBody(equalTo("created_at"))
                    .build())
            .withRequestBodyPart(
                aMultipart().withName("expires_after[seconds]").withBody(equalTo("86400")).build())
            .withRequestBodyPart(
                aMultipart()
                    .withName("file")
                    .withHeader("Content-Disposition", containing("filename=\"stream.jsonl\""))
                    .withBody(binaryEqualTo(bytes))
                    .build()));
  }

  @Test
  void uploadsBytesWithTheirContentType() {
    answerUpload();
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};

    files.upload(
        FileUpload.builder()
            .bytes(png, "pixel.png")
            .purpose(FilePurpose.VISION)
            .contentType("image/png")
            .build());

    verify(
        postRequestedFor(urlEqualTo("/v1/files"))
            .withRequestBodyPart(
                aMultipart().withName("purpose").withBody(equalTo("vision")).build())
            .withRequestBodyPart(
                aMultipart()
                    .withName("file")
                    .withHeader("Content-Type", equalTo("image/png"))
                    .withBody(binaryEqualTo(png))
                    .build()));
  }

  @Test
  void uploadFailsWithIoErrorWhenTheStreamIsShorterThanDeclared() {
    answerUpload();
    FileUpload upload =
        FileUpload.of(
            new ByteArrayInputStream(new byte[10]), 20, "short.bin", FilePurpose.USER_DATA);

    assertThatThrownBy(() -> files.upload(upload))
        .isInstanceOf(dev.llmkit.LlmIoException.class)
        .hasMessageContaining("short.bin")
        .hasMessageContaining("10 of the 20 bytes");
  }

  @Test
  void aPathUploadIsRetriedWholeAfterAServerError(WireMockRuntimeInfo wm, @TempDir Path dir)
      throws IOException {
    stubFor(
        post("/v1/files")
            .inScenario("retry")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("ok"));
    stubFor(
        post("/v1/files")
            .inScenario("retry")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/files/file-uploaded.json"))));
    Path file = Files.writeString(dir.resolve("mydata.jsonl"), JSONL);
    FileService retrying =
        Requests.client(wm.getHttpBaseUrl())
            .maxRetries(2)
            .sleeper(new Requests.RecordingSleeper())
            .build()
            .files();

    StoredFile stored = retrying.upload(FileUpload.of(file, FilePurpose.FINE_TUNE));

    assertThat(stored.id()).isEqualTo("file-abc123");
    verify(
        2,
        postRequestedFor(urlEqualTo("/v1/files"))
            .withRequestBodyPart(
                aMultipart()
                    .withName("file")
                    .withBody(binaryEqualTo(JSONL.getBytes(StandardCharsets.UTF_8)))
                    .build()));
  }

  @Test
  void aStreamUploadIsNotRetriedBecauseItCannotBeReplayed(WireMockRuntimeInfo wm) {
    stubFor(
        post("/v1/files")
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")));
    FileService retrying =
        Requests.client(wm.getHttpBaseUrl())
            .maxRetries(2)
            .sleeper(new Requests.RecordingSleeper())
            .build()
            .files();
    byte[] bytes = JSONL.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                retrying.upload(
                    FileUpload.of(
                        new ByteArrayInputStream(bytes),
                        bytes.length,
                        "stream.jsonl",
                        FilePurpose.FINE_TUNE)))
        .isInstanceOf(ServerException.class)
        .hasMessageContaining("overloaded");
    verify(1, postRequestedFor(urlEqualTo("/v1/files")));
  }

  @Test
  void listSendsPaginationAndFilterParameters(WireMockRuntimeInfo wm) {
    stubFor(
        get(urlPathEqualTo("/v1/files"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/files/list-page-1.json"))));

    Page<StoredFile> page =
        files.list(
            FileListRequest.builder()
                .after("file-0")
                .limit(2)
                .order(SortOrder.ASC)
                .purpose(FilePurpose.FINE_TUNE)
                .build());

    verify(
        getRequestedFor(urlPathEqualTo("/v1/files"))
            .withQueryParam("after", equalTo("file-0"))
            .withQueryParam("limit", equalTo("2"))
            .withQueryParam("order", equalTo("asc"))
            .withQueryParam("purpose", equalTo("fine-tune")));
    assertThat(page.data()).extracting(StoredFile::id).containsExactly("file-1", "file-2");
    assertThat(page.hasMore()).isTrue();
    assertThat(page.lastId()).contains("file-2");
  }

  private static void stubTwoPages() {
    stubFor(
        get(urlPathEqualTo("/v1/files"))
            .withQueryParam("after", absent())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/files/list-page-1.json"))));
    stubFor(
        get(urlPathEqualTo("/v1/files"))
            .withQueryParam("after", equalTo("file-2"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/files/list-page-2.json"))));
  }

  @Test
  void listAllAsyncFollowsTheCursorAcrossPagesAndKeepsUnknownPurposes() {
    stubTwoPages();

    List<StoredFile> all = files.listAllAsync(FileListRequest.defaults()).toList().blockingGet();

    assertThat(all).extracting(StoredFile::id).containsExactly("file-1", "file-2", "file-3");
    StoredFile last = all.get(2);
    assertThat(last.purpose().value()).isEqualTo("knowledge_base_2031");
    assertThat(last.purpose().isKnown()).isFalse();
    assertThat(last.status()).hasValueSatisfying(s -> assertThat(s.isKnown()).isFalse());
    verify(2, getRequestedFor(urlPathEqualTo("/v1/files")));
  }

  @Test
  void listAllFetchesTheNextPageOnlyWhenNeeded() {
    stubTwoPages();
    List<String> ids = new ArrayList<>();

    for (StoredFile f : files.listAll(FileListRequest.defaults())) {
      ids.add(f.id());
      if (ids.size() == 1) {
        verify(1, getRequestedFor(urlPathEqualTo("/v1/files")));
      }
    }

    assertThat(ids).containsExactly("file-1", "file-2", "file-3");
  }

  @Test
  void retrievesAndDeletesById() {
    stubFor(
        get("/v1/files/file-abc123")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/files/file-uploaded.json"))));
    stubFor(
        delete("/v1/files/file-abc123")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/files/deleted.json"))));

    StoredFile file = files.retrieve("file-abc123");
    FileDeletion deletion = files.delete("file-abc123");

    assertThat(file.filename()).isEqualTo("mydata.jsonl");
    assertThat(deletion.id()).isEqualTo("file-abc123");
    assertThat(deletion.deleted()).isTrue();
    assertThat(deletion.extra()).containsEntry("future_field", 7);
    verify(deleteRequestedFor(urlEqualTo("/v1/files/file-abc123")));
  }

  @Test
  void contentReturnsTheRawBytes() throws IOException {
    byte[] body = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
    stubFor(
        get("/v1/files/file-abc123/content")
            .willReturn(
                aResponse().withHeader("Content-Type", "application/octet-stream").withBody(body)));

    byte[] read;
    try (InputStream in = files.content("file-abc123")) {
      read = in.readAllBytes();
    }

    assertThat(read).isEqualTo(body);
  }

  @Test
  void missingFileMapsToInvalidRequestException() {
    stubFor(
        get("/v1/files/file-missing")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/files/error-404.json"))));

    assertThatThrownBy(() -> files.retrieve("file-missing"))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((LlmApiException) e).statusCode()).isEqualTo(404))
        .hasMessageContaining("No such File object");
  }

  @Test
  void contentOfMissingFileMapsToTheSameError() {
    stubFor(
        get("/v1/files/file-missing/content")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/files/error-404.json"))));

    assertThatThrownBy(() -> files.content("file-missing"))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void blankIdsAreRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> files.retrieve(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fileId");
    assertThatThrownBy(() -> files.delete(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("fileId");
  }
}
