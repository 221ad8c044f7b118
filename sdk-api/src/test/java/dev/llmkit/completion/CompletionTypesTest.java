package dev.llmkit.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.chat.FinishReason;
import dev.llmkit.common.Usage;
import io.reactivex.rxjava3.core.Flowable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompletionTypesTest {
  private static CompletionRequest.Builder minimal() {
    return CompletionRequest.builder().model("gpt-3.5-turbo-instruct").prompt("Say this is a test");
  }

  @Test
  void promptIsTextOrTokensButNotBoth() {
    CompletionRequest text = minimal().build();
    CompletionRequest several = minimal().prompt(List.of("a", "b")).build();
    CompletionRequest tokens =
        CompletionRequest.builder().model("m").promptTokens(List.of(List.of(1, 2, 3))).build();

    assertThat(text.prompt()).containsExactly("Say this is a test");
    assertThat(several.prompt()).containsExactly("a", "b");
    assertThat(tokens.promptTokens()).containsExactly(List.of(1, 2, 3));
    assertThat(tokens.prompt()).isEmpty();
    assertThatThrownBy(() -> minimal().promptTokens(List.of(List.of(1))).build())
        .hasMessage("both prompt and promptTokens are set; set only one");
    assertThatThrownBy(() -> CompletionRequest.builder().model("m").build())
        .hasMessage("no prompt; set prompt(...) or promptTokens(...)");
  }

  @Test
  void rangesAreChecked() {
    assertThatThrownBy(() -> minimal().logprobs(6).build())
        .hasMessage("logprobs is 6; allowed range is 0 to 5");
    assertThatThrownBy(() -> minimal().n(3).bestOf(2).build())
        .hasMessage("bestOf is 2 but n is 3; bestOf must be at least n");
    assertThatThrownBy(() -> minimal().temperature(2.1).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> minimal().stop(List.of("1", "2", "3", "4", "5")).build())
        .hasMessage("stop has 5 entries; at most 4 are allowed");
  }

  @Test
  void builderRoundTripsAndHidesPrompt() {
    CompletionRequest request =
        minimal()
            .suffix("!")
            .maxTokens(16)
            .echo(true)
            .bestOf(3)
            .n(2)
            .logprobs(2)
            .seed(7L)
            .logitBias(Map.of("13", 5))
            .streamIncludeUsage(true)
            .extraBody(Map.of("x", 1))
            .build();

    assertThat(request.toBuilder().build()).isEqualTo(request);
    assertThat(request.toString()).doesNotContain("this is a test");
  }

  @Test
  void accumulatorJoinsTextLogprobsAndKeepsUsage() {
    CompletionLogprobs first =
        CompletionLogprobs.builder()
            .tokens(List.of("Once"))
            .tokenLogprobs(Arrays.asList((Double) null))
            .topLogprobs(List.of(Map.of("Once", -0.1)))
            .textOffset(List.of(0))
            .build();
    CompletionLogprobs second =
        CompletionLogprobs.builder()
            .tokens(List.of(" upon"))
            .tokenLogprobs(List.of(-0.5))
            .topLogprobs(List.of(Map.of(" upon", -0.5)))
            .textOffset(List.of(4))
            .build();
    CompletionChunk.Builder chunk = CompletionChunk.builder().id("cmpl-1").created(5L).model("m");
    List<CompletionChunk> chunks =
        List.of(
            chunk
                .choices(
                    List.of(
                        CompletionChoice.builder().index(0).text("Once").logprobs(first).build()))
                .build(),
            chunk.choices(List.of(CompletionChoice.builder().index(1).text("Hi").build())).build(),
            chunk
                .choices(
                    List.of(
                        CompletionChoice.builder()
                            .index(0)
                            .text(" upon")
                            .logprobs(second)
                            .finishReason(FinishReason.LENGTH)
                            .build()))
                .build(),
            chunk.choices(List.of()).usage(Usage.of(2, 3)).build());

    CompletionResponse response =
        CompletionChunks.aggregate(Flowable.fromIterable(chunks)).blockingGet();

    assertThat(response.text()).isEqualTo("Once upon");
    assertThat(response.choices())
        .extracting(CompletionChoice::text)
        .containsExactly("Once upon", "Hi");
    assertThat(response.choices().get(0).finishReason()).contains(FinishReason.LENGTH);
    CompletionLogprobs logprobs = response.choices().get(0).logprobs().get();
    assertThat(logprobs.tokens()).containsExactly("Once", " upon");
    assertThat(logprobs.tokenLogprobs()).containsExactly(null, -0.5);
    assertThat(logprobs.textOffset()).containsExactly(0, 4);
    assertThat(response.usage()).contains(Usage.of(2, 3));
    assertThat(response.choices().get(1).logprobs()).isEmpty();
  }
}
