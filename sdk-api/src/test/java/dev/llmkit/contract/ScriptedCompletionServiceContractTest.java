package dev.llmkit.contract;

import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionService;

/** Runs the completion contract against {@link ScriptedCompletionService}. */
class ScriptedCompletionServiceContractTest extends CompletionServiceContract {
  @Override
  protected CompletionService completionService() {
    return new ScriptedCompletionService();
  }

  @Override
  protected CompletionRequest validRequest() {
    return CompletionRequest.builder().model("scripted").prompt("Tell a story").build();
  }

  @Override
  protected CompletionRequest invalidRequest() {
    return CompletionRequest.builder().model("missing").prompt("Tell a story").build();
  }

  @Override
  protected CompletionRequest unknownFieldsRequest() {
    return CompletionRequest.builder().model("future").prompt("Tell a story").build();
  }
}
