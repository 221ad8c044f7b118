package dev.llmkit.model;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmApiException;
import dev.llmkit.LlmIoException;
import dev.llmkit.internal.Checks;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;

/**
 * Lists, describes and deletes the provider's models. Implementations are thread-safe.
 *
 * <p>Blocking methods throw {@link LlmApiException} when the provider rejects the call and {@link
 * LlmIoException} when it cannot be reached; the async variants deliver the same exceptions through
 * {@code onError}, on {@link Schedulers#io()} unless the provider has its own threads. Null or
 * blank ids throw {@link NullPointerException} or {@link IllegalArgumentException} before any I/O.
 */
public interface ModelService {
  /** Returns every model available to the caller, in the provider's order. */
  List<Model> list();

  /**
   * Returns one model.
   *
   * @throws InvalidRequestException with status 404 if there is no such model
   */
  Model retrieve(String modelId);

  /**
   * Deletes a fine-tuned model the caller owns.
   *
   * @throws InvalidRequestException with status 404 if there is no such model
   * @throws dev.llmkit.AuthenticationException if the caller may not delete it
   * @throws dev.llmkit.UnsupportedCapabilityException if the provider cannot delete models
   */
  ModelDeletion delete(String modelId);

  /** Non-blocking {@link #list()}. */
  default Single<List<Model>> listAsync() {
    return Single.fromCallable(this::list).subscribeOn(Schedulers.io());
  }

  /** Non-blocking {@link #retrieve(String)}. */
  default Single<Model> retrieveAsync(String modelId) {
    Checks.notBlank(modelId, "modelId");
    return Single.fromCallable(() -> retrieve(modelId)).subscribeOn(Schedulers.io());
  }

  /** Non-blocking {@link #delete(String)}. */
  default Single<ModelDeletion> deleteAsync(String modelId) {
    Checks.notBlank(modelId, "modelId");
    return Single.fromCallable(() -> delete(modelId)).subscribeOn(Schedulers.io());
  }
}
