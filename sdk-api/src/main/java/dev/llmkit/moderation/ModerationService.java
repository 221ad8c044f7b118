package dev.llmkit.moderation;

import dev.llmkit.internal.Checks;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;

/**
 * Classifies text and images for harmful content.
 *
 * <p>Blocking methods run on the caller's thread. The {@code *Async} variants are cold: nothing is
 * sent until subscription, and errors arrive through {@code onError} as {@link
 * dev.llmkit.LlmException} subtypes.
 */
public interface ModerationService {

  /**
   * Classifies the input of {@code request}, returning one result per input.
   *
   * @throws dev.llmkit.UnsupportedCapabilityException if this provider does not moderate
   */
  ModerationResponse moderate(ModerationRequest request);

  /** Classifies one text with the default model. */
  default ModerationResponse moderate(String text) {
    return moderate(ModerationRequest.of(text));
  }

  /**
   * Returns a cold {@link Single} that classifies the input when subscribed. The default
   * implementation runs {@link #moderate(ModerationRequest)} on {@link Schedulers#io()}; providers
   * with a non-blocking transport override it.
   */
  default Single<ModerationResponse> moderateAsync(ModerationRequest request) {
    Checks.notNull(request, "request");
    return Single.fromCallable(() -> moderate(request)).subscribeOn(Schedulers.io());
  }
}
