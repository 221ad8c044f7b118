package dev.llmkit.local;

import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.contract.CompletionServiceContract;
import dev.llmkit.local.testing.SharedModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The provider contract kit on a LocalClient serving stories260K (Q8_0). */
class LocalCompletionServiceContractTest extends CompletionServiceContract {
  private static LocalClient client;

  @BeforeAll
  static void load() {
    client =
        LocalClient.builder()
            .model(SharedModels.resolve("stories260K/stories260K-Q8_0.gguf"))
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
  protected CompletionService completionService() {
    return client.completions();
  }

  @Override
  protected CompletionRequest validRequest() {
    return CompletionRequest.builder()
        .model("stories260K-Q8_0")
        .prompt("The little dog was sad because")
        .temperature(0.0)
        .maxTokens(12)
        .logprobs(2)
        .build();
  }

  /** Longer than the 128-token context. */
  @Override
  protected CompletionRequest invalidRequest() {
    return validRequest().toBuilder().prompt("The big red ball rolled away. ".repeat(40)).build();
  }

  @Override
  protected boolean providesUnknownFields() {
    return false;
  }
}
