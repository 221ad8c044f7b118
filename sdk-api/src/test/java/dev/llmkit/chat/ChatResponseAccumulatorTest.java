package dev.llmkit.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.LlmStreamException;
import dev.llmkit.common.CompletionTokensDetails;
import dev.llmkit.common.Usage;
import io.reactivex.rxjava3.core.Flowable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatResponseAccumulatorTest {
  private static ChatChunk.Builder chunk() {
    return ChatChunk.builder()
        .id("chatcmpl-1")
        .created(1_700_000_000L)
        .model("gpt-4o-mini-2024-07-18");
  }

  private static ChatChunk content(int index, String text) {
    return chunk().choices(List.of(choice(index, ChatDelta.ofContent(text)).build())).build();
  }

  private static ChunkChoice.Builder choice(int index, ChatDelta delta) {
    return ChunkChoice.builder().index(index).delta(delta);
  }

  @Test
  void toolCallsAreReassembledFromDeltasByIndex() {
    ToolCallDelta firstStart =
        ToolCallDelta.builder()
            .index(0)
            .id("call_a")
            .type("function")
            .name("get_weather")
            .arguments("")
            .build();
    ToolCallDelta secondStart =
        ToolCallDelta.builder()
            .index(1)
            .id("call_b")
            .type("function")
            .name("get_time")
            .arguments("{\"tz\"")
            .build();
    List<ChatChunk> chunks =
        List.of(
            chunk()
                .choices(
                    List.of(choice(0, ChatDelta.builder().role(Role.ASSISTANT).build()).build()))
                .build(),
            chunk()
                .choices(
                    List.of(
                        choice(0, ChatDelta.builder().toolCalls(List.of(firstStart)).build())
                            .build()))
                .build(),
            chunk()
                .choices(
                    List.of(
                        choice(
                                0,
                                ChatDelta.builder()
                                    .toolCalls(
                                        List.of(
                                            ToolCallDelta.builder()
                                                .index(0)
                                                .arguments("{\"city\":")
                                                .build()))
                                    .build())
                            .build()))
                .build(),
            chunk()
                .choices(
                    List.of(
                        choice(
                                0,
                                ChatDelta.builder()
                                    .toolCalls(
                                        List.of(
                                            secondStart,
                                            ToolCallDelta.builder()
                                                .index(0)
                                                .arguments("\"Paris\"}")
                                                .build()))
                                    .build())
                            .build()))
                .build(),
            chunk()
                .choices(
                    List.of(
                        choice(
                                0,
                                ChatDelta.builder()
                                    .toolCalls(
                                        List.of(
                                            ToolCallDelta.builder()
                                                .index(1)
                                                .arguments(":\"UTC\"}")
                                                .build()))
                                    .build())
                            .build()))
                .build(),
            chunk()
                .choices(
                    List.of(
                        choice(0, ChatDelta.builder().build())
                            .finishReason(FinishReason.TOOL_CALLS)
                            .build()))
                .build());
    ChatResponseAccumulator accumulator = new ChatResponseAccumulator();

    chunks.forEach(accumulator::add);
    ChatResponse response = accumulator.build();

    ChatChoice only = response.choices().get(0);
    assertThat(only.finishReason()).contains(FinishReason.TOOL_CALLS);
    assertThat(only.message().content()).isEmpty();
    assertThat(only.message().toolCalls())
        .containsExactly(
            ToolCall.function("call_a", "get_weather", "{\"city\":\"Paris\"}"),
            ToolCall.function("call_b", "get_time", "{\"tz\":\"UTC\"}"));
    assertThat(accumulator.chunkCount()).isEqualTo(6);
  }

  @Test
  void usageFromTheFinalChunkWithoutChoicesIsKept() {
    Usage usage =
        Usage.builder()
            .promptTokens(9)
            .completionTokens(12)
            .completionTokensDetails(CompletionTokensDetails.builder().reasoningTokens(4).build())
            .build();
    ChatResponseAccumulator accumulator = new ChatResponseAccumulator();

    accumulator.add(
        chunk()
            .choices(
                List.of(
                    choice(0, ChatDelta.builder().role(Role.ASSISTANT).content("").build())
                        .build()))
            .build());
    accumulator.add(content(0, "Hello"));
    accumulator.add(
        chunk()
            .choices(
                List.of(
                    choice(0, ChatDelta.builder().build()).finishReason(FinishReason.STOP).build()))
            .build());
    accumulator.add(chunk().systemFingerprint("fp_1").usage(usage).build());
    ChatResponse response = accumulator.build();

    assertThat(response.text()).isEqualTo("Hello");
    assertThat(response.usage()).contains(usage);
    assertThat(response.usage().get().totalTokens()).isEqualTo(21);
    assertThat(response.systemFingerprint()).contains("fp_1");
    assertThat(response.id()).isEqualTo("chatcmpl-1");
    assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(response.created()).isEqualTo(1_700_000_000L);
  }

  @Test
  void streamedReasoningFragmentsAreJoinedOtherExtrasReplaced() {
    ChatResponseAccumulator accumulator = new ChatResponseAccumulator();

    accumulator.add(
        chunk()
            .choices(
                List.of(
                    choice(
                            0,
                            ChatDelta.builder()
                                .role(Role.ASSISTANT)
                                .extra(Map.of("reasoning_content", "Two ", "x", 1))
                                .build())
                        .build()))
            .build());
    accumulator.add(
        chunk()
            .choices(
                List.of(
                    choice(
                            0,
                            ChatDelta.builder()
                                .extra(Map.of("reasoning_content", "plus two.", "x", 2))
                                .build())
                        .build()))
            .build());
    accumulator.add(content(0, "4"));
    ChatMessage message = accumulator.build().choices().get(0).message();

    assertThat(message.extra())
        .containsEntry("reasoning_content", "Two plus two.")
        .containsEntry("x", 2);
    assertThat(message.content()).contains("4");
  }

  @Test
  void choicesAreKeptApartByIndex() {
    ChatResponseAccumulator accumulator = new ChatResponseAccumulator();

    accumulator.add(content(1, "B1"));
    accumulator.add(content(0, "A1"));
    accumulator.add(content(0, "A2"));
    accumulator.add(content(1, "B2"));
    accumulator.add(
        chunk()
            .choices(
                List.of(
                    choice(0, ChatDelta.builder().build()).finishReason(FinishReason.STOP).build(),
                    choice(1, ChatDelta.builder().build())
                        .finishReason(FinishReason.LENGTH)
                        .build()))
            .build());
    ChatResponse response = accumulator.build();

    assertThat(response.choices()).extracting(ChatChoice::index).containsExactly(0, 1);
    assertThat(response.choices())
        .extracting(c -> c.message().text())
        .containsExactly("A1A2", "B1B2");
    assertThat(response.choices().get(1).finishReason()).contains(FinishReason.LENGTH);
    assertThat(response.text()).isEqualTo("A1A2");
    assertThat(response.choices().get(0).message().role()).isEqualTo(Role.ASSISTANT);
  }

  @Test
  void refusalLogprobsAndUnknownFieldsAreKept() {
    TokenLogprob sorry =
        TokenLogprob.builder().token("Sorry").logprob(-0.1).bytes(List.of(83, 111)).build();
    TokenLogprob dot = TokenLogprob.builder().token(".").logprob(-0.2).build();
    ChatResponseAccumulator accumulator = new ChatResponseAccumulator();

    accumulator.add(
        chunk()
            .extra(Map.of("future_field", 1))
            .choices(
                List.of(
                    choice(
                            0,
                            ChatDelta.builder()
                                .refusal("Sorry")
                                .extra(Map.of("annotations", List.of()))
                                .build())
                        .logprobs(ChatLogprobs.builder().refusal(List.of(sorry)).build())
                        .build()))
            .build());
    accumulator.add(
        chunk()
            .choices(
                List.of(
                    choice(0, ChatDelta.builder().refusal(".").build())
                        .logprobs(ChatLogprobs.builder().refusal(List.of(dot)).build())
                        .finishReason(FinishReason.of("paused"))
                        .extra(Map.of("choice_extra", "x"))
                        .build()))
            .build());
    ChatResponse response = accumulator.build();

    ChatChoice choice = response.choices().get(0);
    assertThat(choice.message().refusal()).contains("Sorry.");
    assertThat(choice.logprobs().get().refusal()).containsExactly(sorry, dot);
    assertThat(choice.logprobs().get().content()).isEmpty();
    assertThat(choice.finishReason().get().isKnown()).isFalse();
    assertThat(response.extra()).containsEntry("future_field", 1);
    assertThat(choice.extra()).containsEntry("choice_extra", "x");
    assertThat(choice.message().extra()).containsKey("annotations");
  }

  @Test
  void chatChunkTextIsContentOfChoiceZero() {
    ChatChunk chunk =
        chunk()
            .choices(
                List.of(
                    choice(1, ChatDelta.ofContent("other")).build(),
                    choice(0, ChatDelta.ofContent("mine")).build()))
            .build();

    assertThat(chunk.text()).isEqualTo("mine");
    assertThat(chunk().build().text()).isEmpty();
  }

  @Test
  void buildWithoutChunksFails() {
    assertThatThrownBy(() -> new ChatResponseAccumulator().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no chunks");
  }

  @Test
  void aggregateRebuildsResponseFromFlowable() {
    Flowable<ChatChunk> chunks =
        Flowable.just(content(0, "Hel"), content(0, "lo"), chunk().usage(Usage.of(1, 2)).build());

    ChatResponse response = ChatChunks.aggregate(chunks).blockingGet();

    assertThat(response.text()).isEqualTo("Hello");
    assertThat(response.usage()).contains(Usage.of(1, 2));
  }

  @Test
  void aggregatePassesStreamErrorsThrough() {
    LlmStreamException failure = new LlmStreamException("openai", "connection cut after 1 chunk");
    Flowable<ChatChunk> chunks =
        Flowable.just(content(0, "Hel")).concatWith(Flowable.error(failure));

    ChatChunks.aggregate(chunks).test().awaitDone(5, TimeUnit.SECONDS).assertError(failure);
  }
}
