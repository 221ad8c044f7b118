package dev.llmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.LocalClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The examples on the local provider with the tiny stories260K model (greedy, so repeatable). */
class LocalExamplesTest {
  private static LocalClient llm;

  @BeforeAll
  static void loadModel() {
    java.nio.file.Path model = SharedModels.resolve("stories260K/stories260K.gguf");
    llm =
        LocalClient.builder()
            .model(model)
            .embeddingModel(model)
            .temperature(0)
            .contextSize(512)
            .build();
  }

  @AfterAll
  static void close() {
    if (llm != null) {
      llm.close();
    }
  }

  @Test
  void quickstartPrintsANonEmptyReply() {
    Golden.Capture out = new Golden.Capture();

    ChatQuickstart.run(llm, out);

    assertThat(out.toString().lines().findFirst().orElseThrow()).isNotBlank();
  }

  @Test
  void streamingPrintsTheSameTextAsTheBlockingCall() {
    Golden.Capture out = new Golden.Capture();

    String streamed = StreamingChat.run(llm, out, "Once upon a time");
    String blocking =
        MultiTurnConversation.run(llm, new Golden.Capture(), List.of("Once upon a time"))
            .get(2)
            .text();

    assertThat(streamed).isNotBlank();
    assertThat(out.toString()).isEqualTo(streamed + "\n");
    assertThat(blocking).isNotBlank();
  }

  @Test
  void structuredOutputRunsUnchangedOnTheLocalProvider() throws Exception {
    // a story model knows nothing of JSON; constrained decoding still gives the schema's types
    com.fasterxml.jackson.databind.JsonNode city =
        StructuredOutput.run(llm, new Golden.Capture(), "Tell me about the largest city.");

    assertThat(city.get("name").isTextual()).isTrue();
    assertThat(city.get("country").isTextual()).isTrue();
    assertThat(city.get("population").isIntegralNumber()).isTrue();
  }

  @Test
  void asyncChatAnswersEveryQuestion() {
    List<String> answers = AsyncChat.run(llm, new Golden.Capture(), List.of("A", "B"));

    assertThat(answers).hasSize(2).allSatisfy(a -> assertThat(a).isNotBlank());
  }

  @Test
  void switchProvidersRunsUnchangedOnTheLocalProvider() {
    Golden.Capture out = new Golden.Capture();

    String reply = SwitchProviders.run(llm, out);

    assertThat(reply).isNotBlank();
    assertThat(out.toString())
        .startsWith("provider: local\n")
        .contains("  CHAT: yes\n", "  FINE_TUNING: yes\n");
  }

  @Test
  void embeddingsSearchRanksEveryDocumentWithALocalEmbeddingModel() {
    Golden.Capture out = new Golden.Capture();

    List<String> ranked =
        EmbeddingsSearch.run(
            llm, out, EmbeddingsSearch.DOCUMENTS, EmbeddingsSearch.DOCUMENTS.get(1));

    assertThat(ranked).hasSize(3).containsExactlyInAnyOrderElementsOf(EmbeddingsSearch.DOCUMENTS);
    assertThat(ranked.get(0)).isEqualTo(EmbeddingsSearch.DOCUMENTS.get(1));
    assertThat(out.toString().lines().findFirst().orElseThrow()).startsWith("1.000  ");
  }
}
