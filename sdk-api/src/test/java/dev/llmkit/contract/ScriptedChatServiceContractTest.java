package dev.llmkit.contract;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;

/** Runs the chat contract against {@link ScriptedChatService}, so the kit itself is exercised. */
class ScriptedChatServiceContractTest extends ChatServiceContract {
  @Override
  protected ChatService chatService() {
    return new ScriptedChatService();
  }

  @Override
  protected ChatRequest validRequest() {
    return ChatRequest.builder().model("scripted").addUserMessage("Hi").build();
  }

  @Override
  protected ChatRequest invalidRequest() {
    return ChatRequest.builder().model("missing").addUserMessage("Hi").build();
  }

  @Override
  protected ChatRequest unknownFieldsRequest() {
    return ChatRequest.builder().model("future").addUserMessage("Hi").build();
  }
}
