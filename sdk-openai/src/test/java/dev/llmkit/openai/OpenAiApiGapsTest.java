package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.common.Page;
import dev.llmkit.file.FileListRequest;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.JobListRequest;
import dev.llmkit.finetuning.ListRequest;
import dev.llmkit.moderation.ModerationRequest;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cursors, defaults the caller did not set, and raw values. */
@WireMockTest
class OpenAiApiGapsTest {
  private OpenAiClient client;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    client = Requests.client(wm.getHttpBaseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static String job(String id, String extra) {
    return "{\"id\": \""
        + id
        + "\", \"object\": \"fine_tuning.job\", \"model\": \"m\","
        + " \"created_at\": 1, \"status\": \"running\", \"training_file\": \"file-1\""
        + extra
        + "}";
  }

  @Test
  void jobsPageWithoutLastIdUsesTheLastJobsIdAsCursor() {
    stubFor(
        get(urlPathEqualTo("/v1/fine_tuning/jobs"))
            .willReturn(
                okJson(
                    "{\"object\": \"list\", \"data\": ["
                        + job("ftjob-3", "")
                        + ", "
                        + job("ftjob-2", "")
                        + "], \"has_more\": true}")));

    Page<FineTuningJob> page = client.fineTuning().list(JobListRequest.defaults());

    assertThat(page.lastId()).contains("ftjob-2");
  }

  @Test
  void eventsAndFilesPagesWithoutLastIdUseTheLastItem() {
    stubFor(
        get(urlPathEqualTo("/v1/fine_tuning/jobs/ftjob-1/events"))
            .willReturn(
                okJson(
                    "{\"object\": \"list\", \"data\": [{\"id\": \"ftevent-2\", \"created_at\": 1,"
                        + " \"level\": \"info\", \"message\": \"a\"}, {\"id\": \"ftevent-1\","
                        + " \"created_at\": 1, \"level\": \"info\", \"message\": \"b\"}],"
                        + " \"has_more\": true}")));
    stubFor(
        get(urlPathEqualTo("/v1/files"))
            .willReturn(
                okJson(
                    "{\"object\": \"list\", \"data\": [{\"id\": \"file-9\", \"object\": \"file\","
                        + " \"bytes\": 1, \"created_at\": 1, \"filename\": \"a.jsonl\","
                        + " \"purpose\": \"fine-tune\"}], \"has_more\": false}")));

    assertThat(client.fineTuning().listEvents("ftjob-1", ListRequest.defaults()).lastId())
        .contains("ftevent-1");
    assertThat(client.files().list(FileListRequest.builder().build()).lastId()).contains("file-9");
  }

  @Test
  void emptyPageHasNoCursor() {
    stubFor(
        get(urlPathEqualTo("/v1/fine_tuning/jobs"))
            .willReturn(okJson("{\"object\": \"list\", \"data\": [], \"has_more\": false}")));

    assertThat(client.fineTuning().list(JobListRequest.defaults()).lastId()).isEmpty();
  }

  @Test
  void estimatedFinishOfZeroIsKeptAsTheEpoch() {
    stubFor(
        get(urlPathEqualTo("/v1/fine_tuning/jobs/ftjob-1"))
            .willReturn(okJson(job("ftjob-1", ", \"estimated_finish\": 0"))));

    FineTuningJob job = client.fineTuning().retrieve("ftjob-1");

    assertThat(job.estimatedFinish()).contains(Instant.EPOCH);
  }

  @Test
  void moderationSendsAModelOnlyWhenOneOtherThanTheDefaultIsSet() {
    stubFor(
        post("/v1/moderations")
            .willReturn(okJson(Golden.read("openai/moderation/response-omni.json"))));

    client.moderation().moderate(ModerationRequest.of("a"));
    client
        .moderation()
        .moderate(ModerationRequest.builder().input("b").model("text-moderation-stable").build());

    verify(
        postRequestedFor(urlPathEqualTo("/v1/moderations"))
            .withRequestBody(equalToJson("{\"input\": \"a\"}")));
    verify(
        postRequestedFor(urlPathEqualTo("/v1/moderations"))
            .withRequestBody(
                equalToJson("{\"input\": \"b\", \"model\": \"text-moderation-stable\"}")));
  }

  @Test
  void objectFieldOfTypesWithoutAnAccessorIsInExtra() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
    stubFor(
        delete(urlPathEqualTo("/v1/files/file-1"))
            .willReturn(okJson("{\"id\": \"file-1\", \"object\": \"file\", \"deleted\": true}")));
    stubFor(
        get(urlPathEqualTo("/v1/files"))
            .willReturn(okJson("{\"object\": \"list\", \"data\": [], \"has_more\": false}")));

    assertThat(client.chat().chat(Requests.hello()).extra())
        .containsEntry("object", "chat.completion");
    assertThat(client.files().delete("file-1").extra()).containsEntry("object", "file");
    assertThat(client.files().list(FileListRequest.builder().build()).extra())
        .containsEntry("object", "list");
  }
}
