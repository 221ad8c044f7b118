package dev.llmkit.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmkit.LlmException;
import dev.llmkit.LlmStreamException;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionChunks;
import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stream that completes without any chunk (what a server sending only {@code [DONE]} would give a
 * provider that passed it on) aggregates to the same typed error for chat and completions, never to
 * an {@link IllegalStateException}.
 */
class EmptyStreamAggregateTest {

  @Test
  void emptyChatStreamFailsWithAStreamErrorSayingThereIsNoChunk() {
    Throwable error =
        catchThrowable(() -> ChatChunks.aggregate(Flowable.<ChatChunk>empty()).blockingGet());

    assertThat(error)
        .isInstanceOf(LlmStreamException.class)
        .hasMessageContaining("completed without any chunk");
    assertThat(((LlmException) error).provider()).isEqualTo("unknown");
    assertThat(((LlmException) error).isRetryable()).isFalse();
  }

  @Test
  void emptyCompletionStreamFailsTheSameWay() {
    Throwable error =
        catchThrowable(
            () -> CompletionChunks.aggregate(Flowable.<CompletionChunk>empty()).blockingGet());

    assertThat(error)
        .isInstanceOf(LlmStreamException.class)
        .hasMessageContaining("completed without any chunk");
    assertThat(((LlmException) error).provider()).isEqualTo("unknown");
  }

  @Test
  void aStreamErrorBeforeAnyChunkIsPassedOnUnchanged() {
    LlmStreamException failure =
        new LlmStreamException("openai", "the stream ended with [DONE] before any chunk");

    ChatChunks.aggregate(Flowable.<ChatChunk>error(failure))
        .test()
        .awaitDone(5, TimeUnit.SECONDS)
        .assertError(failure);
    CompletionChunks.aggregate(Flowable.<CompletionChunk>error(failure))
        .test()
        .awaitDone(5, TimeUnit.SECONDS)
        .assertError(failure);
  }
}
