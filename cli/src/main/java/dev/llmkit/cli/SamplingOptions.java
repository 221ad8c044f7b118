package dev.llmkit.cli;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.completion.CompletionRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Generation options of {@code chat} and {@code complete}; unset means the provider's default. */
final class SamplingOptions {
  @Option(
      names = "--temperature",
      paramLabel = "T",
      description = "Sampling temperature, 0 to 2; 0 always picks the likeliest token.")
  @Nullable Double temperature;

  @Option(names = "--max-tokens", paramLabel = "N", description = "Most tokens to generate.")
  @Nullable Integer maxTokens;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for reproducible sampling.")
  @Nullable Long seed;

  ChatRequest.Builder apply(ChatRequest.Builder request) {
    return request.temperature(temperature).maxCompletionTokens(maxTokens).seed(seed);
  }

  CompletionRequest.Builder apply(CompletionRequest.Builder request) {
    return request.temperature(temperature).maxTokens(maxTokens).seed(seed);
  }
}
