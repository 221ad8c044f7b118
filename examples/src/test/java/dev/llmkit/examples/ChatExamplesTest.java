package dev.llmkit.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.LlmClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chat examples against OpenAI's wire format on WireMock. */
@WireMockTest
class ChatExamplesTest {
  private static final String CHAT = "/v1/chat/completions";
  private LlmClient llm;
  private final Golden.Capture out = new Golden.Capture();

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    llm = Golden.openAi(wm);
  }

  @AfterEach
  void tearDown() {
    llm.close();
  }

  @Test
  void quickstartPrintsTheReplyAndTokenCount() {
    stubFor(post(CHAT).willReturn(Golden.json("chat-paris.json")));

    ChatQuickstart.run(llm, out);

    assertThat(out.toString()).isEqualTo("The capital of France is Paris.\n(28 tokens)\n");
    verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(
                equalToJson(
                    """
        {"model": "gpt-4o-mini", "max_completion_tokens": 64, "messages": [
          {"role": "system", "content": "You are a concise assistant."},
          {"role": "user", "content": "What is the capital of France?"}]}
        """,
                    true,
                    true)));
  }

  @Test
  void multiTurnConversationSendsEarlierTurnsBack() {
    stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.messages.length()", equalTo("2")))
            .willReturn(Golden.json("chat-cat-name.json")));
    stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.messages.length()", equalTo("4")))
            .willReturn(Golden.json("chat-why.json")));

    MultiTurnConversation.run(llm, out, List.of("My name is Ada.", "Why that name?"));

    assertThat(out.toString())
        .isEqualTo(
            "you> My name is Ada.\nbot> How about Pixel?\n"
                + "you> Why that name?\nbot> Because Ada, Pixel suits a curious cat.\n");
    verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(
                equalToJson(
                    """
        {"messages": [{"role": "system", "content": "${json-unit.any-string}"},
          {"role": "user", "content": "My name is Ada."},
          {"role": "assistant", "content": "How about Pixel?"},
          {"role": "user", "content": "Why that name?"}]}
        """,
                    true,
                    true)));
  }

  @Test
  void streamingChatPrintsChunksAsTheyArrive() {
    stubFor(post(CHAT).willReturn(Golden.sse("chat-stream.sse")));

    String text = StreamingChat.run(llm, out, "Write a haiku about the sea.");

    assertThat(text).isEqualTo("Waves fold into foam");
    assertThat(out.toString()).isEqualTo("Waves fold into foam\n");
    verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true"))));
  }

  @Test
  void asyncChatKeepsAnswersInQuestionOrder() {
    stubFor(
        post(CHAT)
            .withRequestBody(
                matchingJsonPath("$.messages[0].content", equalTo("Name a prime number.")))
            .willReturn(Golden.json("chat-prime.json")));
    stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Name a colour.")))
            .willReturn(Golden.json("chat-colour.json")));
    stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Name a planet.")))
            .willReturn(Golden.json("chat-planet.json")));

    List<String> answers =
        AsyncChat.run(
            llm, out, List.of("Name a prime number.", "Name a colour.", "Name a planet."));

    assertThat(answers).containsExactly("7", "Blue", "Mars");
    assertThat(out.toString())
        .isEqualTo(
            "Name a prime number. -> 7\nName a colour. -> Blue\n" + "Name a planet. -> Mars\n");
    verify(3, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void switchProvidersReportsCapabilitiesAndChats() {
    stubFor(post(CHAT).willReturn(Golden.json("chat-bonjour.json")));

    String reply = SwitchProviders.run(llm, out);

    assertThat(reply).isEqualTo("Bonjour !");
    assertThat(out.toString())
        .startsWith("provider: openai\n")
        .contains("  CHAT: yes\n")
        .endsWith("reply: Bonjour !\n");
  }
}
