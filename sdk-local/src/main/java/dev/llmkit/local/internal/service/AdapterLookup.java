package dev.llmkit.local.internal.service;

import dev.llmkit.local.internal.model.LayerAdapter;
import org.jspecify.annotations.Nullable;

/** Finds the LoRA adapter of a request's {@code model} (a fine-tuned model id), if any. */
@FunctionalInterface
public interface AdapterLookup {
  /** No fine-tuned models: every request runs the base model. */
  AdapterLookup NONE = model -> null;

  /**
   * The adapter to apply for {@code model}, or null for the base model.
   *
   * @throws dev.llmkit.InvalidRequestException for an unknown fine-tuned model id
   */
  @Nullable LayerAdapter adapter(@Nullable String model);
}
