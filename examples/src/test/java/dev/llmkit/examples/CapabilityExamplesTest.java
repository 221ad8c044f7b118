package dev.llmkit.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.LlmClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embeddings, files and moderation examples against WireMock. */
@WireMockTest
class CapabilityExamplesTest {
  static final String TRAINING_LINE =
      "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"},"
          + " {\"role\": \"assistant\", \"content\": \"Hello!\"}]}\n";

  private LlmClient llm;
  private final Golden.Capture out = new Golden.Capture();
  @TempDir Path dir;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    llm = Golden.openAi(wm);
  }

  @AfterEach
  void tearDown() {
    llm.close();
  }

  @Test
  void embeddingsSearchRanksTheClosestDocumentFirst() {
    stubFor(post("/v1/embeddings").willReturn(Golden.json("embeddings.json")));

    List<String> ranked =
        EmbeddingsSearch.run(llm, out, EmbeddingsSearch.DOCUMENTS, "Which fruit is healthy?");

    assertThat(ranked)
        .containsExactly(
            "Bananas are rich in potassium.",
            "The Eiffel Tower is in Paris.",
            "Java 17 added sealed classes.");
    assertThat(out.toString().lines().findFirst().orElseThrow())
        .matches("0\\.9\\d\\d  Bananas are rich in potassium\\.");
    verify(
        postRequestedFor(urlEqualTo("/v1/embeddings"))
            .withRequestBody(matchingJsonPath("$.input[3]", equalTo("Which fruit is healthy?"))));
  }

  @Test
  void filesExampleUploadsListsReadsAndDeletes() throws IOException {
    Path file = dir.resolve("train.jsonl");
    Files.writeString(file, TRAINING_LINE + TRAINING_LINE, StandardCharsets.UTF_8);
    stubFor(post("/v1/files").willReturn(Golden.json("file-uploaded.json")));
    stubFor(get(urlPathEqualTo("/v1/files")).willReturn(Golden.json("file-list.json")));
    stubFor(
        get("/v1/files/file-ex1/content")
            .willReturn(aResponse().withBody(TRAINING_LINE + TRAINING_LINE)));
    stubFor(delete("/v1/files/file-ex1").willReturn(Golden.json("file-deleted.json")));

    String content = FilesExample.run(llm, out, file);

    assertThat(content).isEqualTo(TRAINING_LINE + TRAINING_LINE);
    assertThat(out.toString())
        .isEqualTo(
            "uploaded train.jsonl as file-ex1 (1337 bytes)\n"
                + "listed   file-ex1 train.jsonl\ncontent  2 lines\ndeleted  true\n");
    verify(deleteRequestedFor(urlEqualTo("/v1/files/file-ex1")));
  }

  @Test
  void moderationExamplePrintsFlaggedCategories() {
    stubFor(post("/v1/moderations").willReturn(Golden.json("moderation.json")));

    boolean flagged = ModerationExample.run(llm, out, "I will hurt you.");

    assertThat(flagged).isTrue();
    assertThat(out.toString())
        .startsWith("flagged\n")
        .contains("harassment/threatening", "0.870", "violence", "0.930")
        .doesNotContain("hate ");
  }
}
