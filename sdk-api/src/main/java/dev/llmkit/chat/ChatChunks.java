package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;

/** Operations on streams of {@link ChatChunk}s. */
public final class ChatChunks {
  private ChatChunks() {}

  /**
   * Returns a {@link Single} that subscribes to {@code chunks} and emits the {@link ChatResponse}
   * they add up to: what {@link ChatService#chat} returns for the same request. See {@link
   * ChatResponseAccumulator} for how chunks are combined.
   *
   * <p>Errors of the stream are delivered unchanged. A stream that completes without any chunk
   * fails with {@link IllegalStateException}. Disposing the {@code Single} disposes the stream.
   */
  public static Single<ChatResponse> aggregate(Flowable<ChatChunk> chunks) {
    Checks.notNull(chunks, "chunks");
    return chunks
        .collect(ChatResponseAccumulator::new, ChatResponseAccumulator::add)
        .map(ChatResponseAccumulator::build);
  }
}
