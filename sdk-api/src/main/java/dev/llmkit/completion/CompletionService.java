package dev.llmkit.completion;

import dev.llmkit.LlmApiException;
import dev.llmkit.LlmIoException;
import dev.llmkit.LlmStreamException;
import dev.llmkit.internal.Checks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;

/**
 * Generates legacy text completions: the model continues a prompt. Prefer {@link
 * dev.llmkit.chat.ChatService} for new code. Implementations are thread-safe.
 *
 * <p>Every method throws {@link NullPointerException} for a null request before doing any I/O. Any
 * other failure is an {@link dev.llmkit.LlmException}: thrown by the blocking method, delivered
 * through {@code onError} by the reactive ones, with the same type either way.
 */
public interface CompletionService {
  /**
   * Sends {@code request} and blocks until the complete response has arrived.
   *
   * @throws LlmApiException if the provider rejected the request
   * @throws LlmIoException if the provider could not be reached or did not answer in time
   */
  CompletionResponse complete(CompletionRequest request);

  /**
   * Returns a cold stream of completion chunks. Each subscription sends a new request, and
   * disposing the subscription cancels that HTTP call or generation. {@link
   * CompletionChunks#aggregate} rebuilds what {@link #complete} returns.
   *
   * <dl>
   *   <dt><b>Backpressure:</b>
   *   <dd>Honoured. Remote providers buffer chunks that arrive before they are requested; local
   *       providers generate a token only when it is requested.
   *   <dt><b>Scheduler:</b>
   *   <dd>Chunks arrive on the provider's I/O or inference thread; use {@code observeOn}.
   *   <dt><b>Errors:</b>
   *   <dd>Never thrown from this method, except a {@link NullPointerException} for a null request.
   *       {@link LlmApiException} if the request is rejected, {@link LlmIoException} if the
   *       provider cannot be reached, {@link LlmStreamException} if the stream fails after it
   *       started; all through {@code onError}.
   * </dl>
   */
  Flowable<CompletionChunk> stream(CompletionRequest request);

  /**
   * Returns a cold {@link Single} that runs {@link #complete} when subscribed, by default on {@link
   * Schedulers#io()}, and delivers its result or error. Disposing it cancels the call.
   */
  default Single<CompletionResponse> completeAsync(CompletionRequest request) {
    Checks.notNull(request, "request");
    return Single.fromCallable(() -> complete(request)).subscribeOn(Schedulers.io());
  }
}
