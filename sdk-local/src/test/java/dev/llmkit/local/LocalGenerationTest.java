package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.ToolChoice;
import dev.llmkit.chat.ToolDefinition;
import dev.llmkit.common.Usage;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.local.testing.SharedModels;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sampling, stopping, JSON mode and streaming behaviour of the local provider on stories260K. */
class LocalGenerationTest {
  private static final String GREEDY_ONCE =
      ", there was a little girl named Lily. She loved to play outside in the park.";
  private static LocalClient client;

  @BeforeAll
  static void load() {
    client =
        LocalClient.builder()
            .model(SharedModels.resolve("stories260K/stories260K.gguf"))
            .contextSize(256)
            .threads(2)
            .build();
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  private static CompletionRequest.Builder once() {
    return CompletionRequest.builder().model("m").prompt("Once upon a time");
  }

  private static String complete(CompletionRequest request) {
    return client.completions().complete(request).choices().get(0).text();
  }

  @Test
  void sameSeedGivesSameTextAndOtherSeedsDiffer() {
    CompletionRequest request = once().temperature(1.0).seed(42L).maxTokens(40).build();

    String first = complete(request);
    String again = complete(request);
    String other = complete(request.toBuilder().seed(43L).build());

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void maxTokensEndsWithFinishReasonLength() {
    CompletionResponse r =
        client.completions().complete(once().temperature(0.0).maxTokens(5).build());

    assertThat(r.choices().get(0).finishReason()).contains(FinishReason.LENGTH);
    assertThat(r.usage().orElseThrow().completionTokens()).isEqualTo(5);
    assertThat(GREEDY_ONCE).startsWith(r.choices().get(0).text());
  }

  @Test
  void stopStringIsNeverEmittedEvenAcrossTokens() {
    // Greedy text continues ", there was a little girl named Lily. ..."; "girl na" spans tokens.
    CompletionRequest request =
        once().temperature(0.0).maxTokens(40).stop(List.of("girl na")).build();

    CompletionResponse blocking = client.completions().complete(request);
    List<String> streamed =
        client.completions().stream(request).map(c -> c.text()).toList().blockingGet();

    assertThat(blocking.choices().get(0).text()).isEqualTo(", there was a little ");
    assertThat(blocking.choices().get(0).finishReason()).contains(FinishReason.STOP);
    assertThat(String.join("", streamed)).isEqualTo(", there was a little ");
    assertThat(streamed).noneMatch(s -> s.contains("girl"));
  }

  @Test
  void nChoicesAreIndexedAndCountedInUsage() {
    CompletionResponse r =
        client.completions().complete(once().temperature(0.9).seed(5L).maxTokens(6).n(3).build());

    assertThat(r.choices()).extracting(c -> c.index()).containsExactly(0, 1, 2);
    assertThat(r.usage().orElseThrow().promptTokens()).isEqualTo(5);
    assertThat(r.usage().orElseThrow().completionTokens()).isEqualTo(18);
  }

  @Test
  void choicesReuseThePromptAndEqualSingleRequestsWithConsecutiveSeeds() {
    CompletionRequest three = once().temperature(0.9).seed(5L).maxTokens(6).n(3).build();
    long before = client.generator().forwardCalls();

    CompletionResponse r = client.completions().complete(three);
    long calls = client.generator().forwardCalls() - before;

    assertThat(calls).as("one prompt batch, then 5 single tokens per choice").isEqualTo(16);
    for (int i = 0; i < 3; i++) {
      String single = complete(three.toBuilder().n(1).seed(5L + i).build());
      assertThat(r.choices().get(i).text()).as("choice " + i).isEqualTo(single);
    }
  }

  @Test
  void severalPromptsGiveChoicesPerPromptAndEchoPrependsThePrompt() {
    CompletionRequest request =
        CompletionRequest.builder()
            .model("m")
            .prompt(List.of("Once upon a time", "One day"))
            .n(2)
            .temperature(0.0)
            .maxTokens(3)
            .echo(true)
            .build();

    CompletionResponse r = client.completions().complete(request);

    assertThat(r.choices()).extracting(c -> c.index()).containsExactly(0, 1, 2, 3);
    assertThat(r.choices().get(0).text()).startsWith("Once upon a time, there");
    assertThat(r.choices().get(1).text()).isEqualTo(r.choices().get(0).text()); // greedy
    assertThat(r.choices().get(2).text()).startsWith("One day");
    Usage usage = r.usage().orElseThrow();
    assertThat(usage.completionTokens()).isEqualTo(12);
    assertThat(usage.promptTokens()).isEqualTo(5 + 3); // "<s> One day" is 3 tokens
  }

  @Test
  void jsonModeYieldsParseableJson() throws Exception {
    ChatRequest request =
        ChatRequest.builder()
            .model("m")
            .addUserMessage("Describe Lily as JSON.")
            .responseFormat(ResponseFormat.JSON_OBJECT)
            .temperature(0.0)
            .maxCompletionTokens(200)
            .build();

    ChatResponse r = client.chat().chat(request);

    JsonNode json = new ObjectMapper().readTree(r.text());
    assertThat(json.isObject()).isTrue();
    assertThat(r.choices().get(0).finishReason()).contains(FinishReason.STOP);
  }

  @Test
  void firstChunkHasRoleAndLastHasFinishReasonAndUsage() {
    ChatRequest request =
        ChatRequest.builder()
            .model("m")
            .addUserMessage("Once upon a time")
            .temperature(0.0)
            .maxCompletionTokens(8)
            .streamIncludeUsage(true)
            .build();

    List<ChatChunk> chunks = client.chat().stream(request).toList().blockingGet();

    assertThat(chunks.get(0).choices().get(0).delta().role()).contains(Role.ASSISTANT);
    ChatChunk lastChoice = chunks.get(chunks.size() - 2);
    assertThat(lastChoice.choices().get(0).finishReason()).contains(FinishReason.LENGTH);
    ChatChunk usage = chunks.get(chunks.size() - 1);
    assertThat(usage.choices()).isEmpty();
    assertThat(usage.usage().orElseThrow().completionTokens()).isEqualTo(8);
    assertThat(chunks).extracting(ChatChunk::id).containsOnly(chunks.get(0).id());
  }

  @Test
  void chatChoicesStreamOneAfterAnotherEachStartingWithTheRole() {
    ChatRequest request =
        ChatRequest.builder()
            .model("m")
            .addUserMessage("Once upon a time")
            .temperature(1.0)
            .seed(9L)
            .n(2)
            .maxCompletionTokens(5)
            .build();

    List<ChatChunk> chunks = client.chat().stream(request).toList().blockingGet();
    ChatResponse blocking = client.chat().chat(request);

    List<Integer> order = new java.util.ArrayList<>();
    for (ChatChunk c : chunks) {
      int index = c.choices().get(0).index();
      if (order.isEmpty() || order.get(order.size() - 1) != index) {
        order.add(index);
        assertThat(c.choices().get(0).delta().role()).contains(Role.ASSISTANT);
      }
    }
    assertThat(order).containsExactly(0, 1);
    assertThat(blocking.choices()).hasSize(2);
    assertThat(blocking.choices().get(1).message().text())
        .isEqualTo(
            chunks.stream()
                .filter(c -> c.choices().get(0).index() == 1)
                .map(c -> c.choices().get(0).delta().content().orElse(""))
                .collect(java.util.stream.Collectors.joining()));
  }

  @Test
  void aTokenIsComputedOnlyWhenRequestedAndDisposingStopsGeneration() throws Exception {
    CompletionRequest request = once().temperature(0.0).maxTokens(200).build();
    TestSubscriber<Object> subscriber = new TestSubscriber<>(1);
    long before = client.generator().forwardCalls();

    client.completions().stream(request).subscribe(subscriber);
    subscriber.awaitCount(1);
    Thread.sleep(200); // no forward pass may run ahead of demand
    long afterOne = client.generator().forwardCalls() - before;
    subscriber.request(3);
    subscriber.awaitCount(4);
    subscriber.cancel();
    Thread.sleep(200); // no forward pass may follow the cancel
    long total = client.generator().forwardCalls() - before;

    assertThat(afterOne).as("prompt batch + nothing ahead of demand").isEqualTo(1);
    assertThat(total).as("four chunks, at most one token more").isBetween(4L, 5L);
    subscriber.assertNotComplete().assertNoErrors();
  }

  @Test
  void overLongPromptIsAClearInvalidRequest() {
    CompletionRequest request =
        once().prompt("Lily and Tom went to the park. ".repeat(60)).maxTokens(4).build();

    assertThatThrownBy(() -> client.completions().complete(request))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("context size is 256")
        .hasMessageMatching("(?s).*prompt has \\d+ tokens.*")
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).errorCode())
                    .contains("context_length_exceeded"))
        .satisfies(e -> assertThat(((InvalidRequestException) e).param()).contains("prompt"));
  }

  @Test
  void logitBiasOutsideTheVocabularyIsAnInvalidRequest() {
    CompletionRequest request = once().logitBias(Map.of("9999", 5)).maxTokens(2).build();

    assertThatThrownBy(() -> client.completions().complete(request))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("logit_bias names token 9999");
  }

  @Test
  void endOfSequenceStopsUnlessIgnoreEosIsSet() {
    // A +100 bias on token 2 (</s>) makes it the first choice.
    CompletionRequest forcedEos =
        once().temperature(0.0).maxTokens(3).logitBias(Map.of("2", 100)).build();

    CompletionResponse stopped = client.completions().complete(forcedEos);
    CompletionResponse ignored =
        client
            .completions()
            .complete(forcedEos.toBuilder().extraBody(Map.of("ignore_eos", true)).build());

    assertThat(stopped.choices().get(0).finishReason()).contains(FinishReason.STOP);
    assertThat(stopped.choices().get(0).text()).isEmpty();
    assertThat(stopped.usage().orElseThrow().completionTokens()).isZero();
    assertThat(ignored.choices().get(0).finishReason()).contains(FinishReason.LENGTH);
    assertThat(ignored.usage().orElseThrow().completionTokens()).isEqualTo(3);
  }

  @Test
  void logitBiasSteersGreedyChoice() {
    // Token 432 is "," — the greedy first token after "Once upon a time"; ban it.
    String text =
        complete(once().temperature(0.0).maxTokens(1).logitBias(Map.of("432", -100)).build());

    assertThat(text).isNotEqualTo(",").isNotEmpty();
  }

  @Test
  void toolsNeedATemplateWithAToolCallFormat() {
    ChatRequest request =
        ChatRequest.builder()
            .model("m")
            .addUserMessage("Weather?")
            .tools(
                List.of(
                    ToolDefinition.function(
                        FunctionDefinition.of(
                            "weather", "Gets weather", Map.of("type", "object")))))
            .maxCompletionTokens(4)
            .build();

    assertThatThrownBy(() -> client.chat().chat(request))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("PLAIN")
        .hasMessageContaining("tool");
    assertThat(
            client
                .chat()
                .chat(request.toBuilder().toolChoice(ToolChoice.NONE).build())
                .choices()
                .get(0)
                .finishReason())
        .isPresent();
  }

  @Test
  void chatRepliesDropTheSentencePieceSpaceBeforeTheFirstWord() {
    ChatRequest request =
        ChatRequest.builder()
            .model("m")
            .addUserMessage("Once upon a time")
            .temperature(0.0)
            .maxCompletionTokens(6)
            .build();

    String blocking = client.chat().chat(request).text();
    String streamed =
        String.join("", client.chat().stream(request).map(ChatChunk::text).toList().blockingGet());

    assertThat(blocking).isNotEmpty().doesNotStartWith(" ").isEqualTo(streamed);
  }

  @Test
  void streamIsColdAndAwaitable() {
    TestSubscriber<ChatChunk> s =
        client.chat().stream(
                ChatRequest.builder()
                    .model("m")
                    .addUserMessage("Hi")
                    .temperature(0.0)
                    .maxCompletionTokens(3)
                    .build())
            .test();

    s.awaitDone(10, TimeUnit.SECONDS);

    s.assertComplete().assertNoErrors();
  }
}
