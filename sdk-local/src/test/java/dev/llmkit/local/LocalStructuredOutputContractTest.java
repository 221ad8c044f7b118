package dev.llmkit.local;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import dev.llmkit.contract.StructuredOutputContract;
import dev.llmkit.local.testing.ChatModels;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structured-output and tool contract on a random-weight ChatML/Hermes model: constrained
 * decoding alone makes its replies pass.
 */
class LocalStructuredOutputContractTest extends StructuredOutputContract {
  @TempDir static Path dir;
  private static LocalClient client;

  @BeforeAll
  static void load() {
    client =
        LocalClient.builder()
            .model(ChatModels.write(dir.resolve("hermes.gguf"), ChatModels.Family.CHATML_HERMES, 3))
            .contextSize(1024)
            .threads(1)
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
  protected ChatRequest.Builder baseRequest() {
    return ChatRequest.builder()
        .model("m")
        .addUserMessage("Weather in Paris?")
        .temperature(1.0)
        .seed(11L)
        .maxCompletionTokens(160);
  }
}
