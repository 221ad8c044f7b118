package dev.llmkit.training;

/** The tokenizer used for token estimates. */
public enum TokenEncoding {
  /** The GPT-4o / GPT-4.1 / o-series encoding; the default. */
  O200K_BASE,
  /** The GPT-4 / GPT-3.5-turbo encoding. */
  CL100K_BASE
}
