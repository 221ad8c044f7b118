package dev.llmkit.local;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import dev.llmkit.contract.ChatServiceContract;
import dev.llmkit.local.testing.SharedModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The provider contract kit on a LocalClient serving stories260K. */
class LocalChatServiceContractTest extends ChatServiceContract {
  private static LocalClient client;

  @BeforeAll
  static void load() {
    client =
        LocalClient.builder()
            .model(SharedModels.resolve("stories260K/stories260K.gguf"))
            .contextSize(128)
            .threads(2)
            .build();
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  protected ChatService chatService() {
    return client.chat();
  }

  @Override
  protected ChatRequest validRequest() {
    return ChatRequest.builder()
        .model("stories260K")
        .addUserMessage("Once upon a time")
        .temperature(0.0)
        .maxCompletionTokens(12)
        .logprobs(true)
        .topLogprobs(2)
        .build();
  }

  /** Longer than the 128-token context. */
  @Override
  protected ChatRequest invalidRequest() {
    return validRequest().toBuilder()
        .messages(java.util.List.of())
        .addUserMessage("Lily and Tom went to the park. ".repeat(40))
        .build();
  }

  @Override
  protected boolean providesUnknownFields() {
    return false;
  }
}
