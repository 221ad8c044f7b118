package dev.llmkit.chat;

import dev.llmkit.LlmApiException;
import dev.llmkit.LlmIoException;
import dev.llmkit.LlmStreamException;
import dev.llmkit.internal.Checks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;

/**
 * Generates chat completions. Implementations are thread-safe and keep no per-call state.
 *
 * <pre>{@code
 * ChatService chat = llm.chat();
 * ChatRequest request = ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hello").build();
 *
 * String answer = chat.chat(request).text();                              // blocking
 * chat.stream(request).blockingForEach(c -> System.out.print(c.text()));  // streamed
 * chat.chatAsync(request).subscribe(r -> show(r.text()), e -> log(e));    // async
 * }</pre>
 *
 * <p>Every method throws {@link NullPointerException} for a null request before doing any I/O. Any
 * other failure is an {@link dev.llmkit.LlmException}: thrown by the blocking method, delivered
 * through {@code onError} by the reactive ones, with the same type either way.
 */
public interface ChatService {
  /**
   * Sends {@code request} and blocks until the complete response has arrived.
   *
   * @throws LlmApiException if the provider rejected the request
   * @throws LlmIoException if the provider could not be reached or did not answer in time
   */
  ChatResponse chat(ChatRequest request);

  /**
   * Returns a cold stream of response chunks. Each subscription sends a new request, and disposing
   * the subscription cancels that HTTP call or generation.
   *
   * <p>Chunks are deltas: append their content, or rebuild the full response with {@link
   * ChatChunks#aggregate}, which yields what {@link #chat} returns for the same request.
   *
   * <dl>
   *   <dt><b>Backpressure:</b>
   *   <dd>Honoured. Remote providers buffer chunks that arrive before they are requested; local
   *       providers generate a token only when it is requested.
   *   <dt><b>Scheduler:</b>
   *   <dd>Chunks arrive on the provider's I/O or inference thread; use {@code observeOn} to move
   *       them. Subscribing does not block the caller.
   *   <dt><b>Errors:</b>
   *   <dd>Never thrown from this method, except a {@link NullPointerException} for a null request.
   *       {@link LlmApiException} if the request is rejected, {@link LlmIoException} if the
   *       provider cannot be reached, {@link LlmStreamException} if the stream fails after it
   *       started; all through {@code onError}.
   * </dl>
   */
  Flowable<ChatChunk> stream(ChatRequest request);

  /**
   * Returns a cold {@link Single} that runs {@link #chat} when subscribed and delivers its result
   * or error. Disposing it cancels the call.
   *
   * <dl>
   *   <dt><b>Scheduler:</b>
   *   <dd>By default the call runs on {@link Schedulers#io()}; providers with a native async path
   *       override this and run it on their own threads.
   *   <dt><b>Errors:</b>
   *   <dd>The exception {@link #chat} would throw, through {@code onError}; only a null request
   *       throws {@link NullPointerException} from this method.
   * </dl>
   */
  default Single<ChatResponse> chatAsync(ChatRequest request) {
    Checks.notNull(request, "request");
    return Single.fromCallable(() -> chat(request)).subscribeOn(Schedulers.io());
  }
}
