package dev.llmkit.openai;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.contract.CompletionServiceContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The provider-neutral completion contract, run against the OpenAI provider on WireMock goldens.
 */
@WireMockTest
class OpenAiCompletionServiceContractTest extends CompletionServiceContract {
  private OpenAiClient client;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    ContractStubs.stub(
        "/v1/completions",
        "completion.json",
        "completion-stream.sse",
        "contract/completion-unknown-fields.json");
    client = Requests.client(wm.getHttpBaseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static CompletionRequest.Builder base() {
    return CompletionRequest.builder().model("gpt-3.5-turbo-instruct").prompt("Say this is a test");
  }

  @Override
  protected CompletionService completionService() {
    return client.completions();
  }

  @Override
  protected CompletionRequest validRequest() {
    return base().build();
  }

  @Override
  protected CompletionRequest invalidRequest() {
    return base().model(ContractStubs.MISSING_MODEL).build();
  }

  @Override
  protected CompletionRequest unknownFieldsRequest() {
    return base().model(ContractStubs.FUTURE_MODEL).build();
  }
}
