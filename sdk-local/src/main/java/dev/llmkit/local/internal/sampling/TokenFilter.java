package dev.llmkit.local.internal.sampling;

/** Decides which tokens may be sampled next (a constraint such as JSON mode). */
@FunctionalInterface
public interface TokenFilter {
  /** Whether {@code tokenId} may be the next token. */
  boolean allows(int tokenId);
}
