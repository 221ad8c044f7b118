package dev.llmkit.openai;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import dev.llmkit.contract.ChatServiceContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The provider-neutral chat contract, run against the OpenAI provider on WireMock goldens. */
@WireMockTest
class OpenAiChatServiceContractTest extends ChatServiceContract {
  private OpenAiClient client;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    ContractStubs.stub(
        "/v1/chat/completions",
        "chat-completion.json",
        "chat-stream.sse",
        "chat/completion-unknown-fields.json");
    client = Requests.client(wm.getHttpBaseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Override
  protected ChatService chatService() {
    return client.chat();
  }

  @Override
  protected ChatRequest validRequest() {
    return Requests.hello();
  }

  @Override
  protected ChatRequest invalidRequest() {
    return Requests.hello().toBuilder().model(ContractStubs.MISSING_MODEL).build();
  }

  @Override
  protected ChatRequest unknownFieldsRequest() {
    return Requests.hello().toBuilder().model(ContractStubs.FUTURE_MODEL).build();
  }
}
