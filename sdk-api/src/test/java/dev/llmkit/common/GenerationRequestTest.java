package dev.llmkit.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.completion.CompletionRequest;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The options chat and completion requests share, set once through one builder mechanism. */
class GenerationRequestTest {
  /** Every shared setter, each with a value other than the default. */
  private static <B extends GenerationRequest.Builder<B>> B shared(B b) {
    return b.model("m")
        .temperature(0.5)
        .topP(0.9)
        .n(2)
        .stop(List.of("END"))
        .maxTokens(7)
        .presencePenalty(0.25)
        .frequencyPenalty(-0.5)
        .logitBias(Map.of("42", -100))
        .seed(11L)
        .user("u-1")
        .streamIncludeUsage(true)
        .extraBody(Map.of("x", 1));
  }

  private static void assertShared(GenerationRequest r) {
    assertThat(r.model()).isEqualTo("m");
    assertThat(r.temperature()).isEqualTo(0.5);
    assertThat(r.topP()).isEqualTo(0.9);
    assertThat(r.n()).isEqualTo(2);
    assertThat(r.stop()).containsExactly("END");
    assertThat(r.maxTokens()).isEqualTo(7);
    assertThat(r.presencePenalty()).isEqualTo(0.25);
    assertThat(r.frequencyPenalty()).isEqualTo(-0.5);
    assertThat(r.logitBias()).containsExactly(Map.entry("42", -100));
    assertThat(r.seed()).isEqualTo(11L);
    assertThat(r.user()).isEqualTo("u-1");
    assertThat(r.streamIncludeUsage()).isTrue();
    assertThat(r.extraBody()).containsExactly(Map.entry("x", 1));
  }

  @Test
  void sharedSettersReturnEachRequestsOwnBuilderAndReachBothRequests() {
    // Chained calls after a shared setter reach the request's own methods: source compatible.
    ChatRequest chat = shared(ChatRequest.builder()).temperature(0.5).addUserMessage("hi").build();
    CompletionRequest completion =
        shared(CompletionRequest.builder()).seed(11L).prompt("Once").echo(true).build();

    assertShared(chat);
    assertShared(completion);
    assertThat(chat.messages()).hasSize(1);
    assertThat(completion.echo()).isTrue();
  }

  @Test
  void toBuilderKeepsSharedAndOwnOptionsAndEqualityCoversBoth() {
    ChatRequest chat = shared(ChatRequest.builder()).addUserMessage("hi").logprobs(true).build();

    ChatRequest copy = chat.toBuilder().build();
    assertShared(copy);
    assertThat(copy).isEqualTo(chat).hasSameHashCodeAs(chat);
    assertThat(copy.logprobs()).isTrue();
    assertThat(chat.toBuilder().seed(12L).build()).isNotEqualTo(chat);
    assertThat(chat.toBuilder().logprobs(false).build()).isNotEqualTo(chat);
    CompletionRequest completion = shared(CompletionRequest.builder()).prompt("a").build();
    assertThat(completion.toBuilder().build()).isEqualTo(completion);
    assertThat(completion.toBuilder().user("u-2").build()).isNotEqualTo(completion);
  }

  @Test
  void rangeChecksOfEachRequestStillApplyToSharedOptions() {
    UnaryOperator<ChatRequest.Builder> chat = b -> b.model("m").addUserMessage("hi");
    UnaryOperator<CompletionRequest.Builder> completion = b -> b.model("m").prompt("hi");

    assertThatThrownBy(() -> chat.apply(ChatRequest.builder()).temperature(2.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> completion.apply(CompletionRequest.builder()).n(129).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n");
    assertThat(completion.apply(CompletionRequest.builder()).maxTokens(0).build().maxTokens())
        .isZero();
    assertThatThrownBy(() -> chat.apply(ChatRequest.builder()).maxTokens(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTokens");
    assertThatThrownBy(() -> ChatRequest.builder().addUserMessage("hi").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("model == null");
  }

  /** A builder outside llmkit, which the shared builder must refuse. */
  private static final class Foreign extends GenerationRequest.Builder<Foreign> {}

  @Test
  void onlyLlmkitsTwoRequestsMayExtendIt() {
    assertThatThrownBy(Foreign::new)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Foreign.class.getName() + " may not extend")
        .hasMessageContaining("GenerationRequest$Builder");
  }
}
