package dev.llmkit.internal;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.completion.CompletionRequest;
import java.util.List;
import java.util.Map;

/**
 * The range checks of request builders, kept here so the public types stay small. Each failure is
 * an {@link IllegalArgumentException} saying what is wrong and what is allowed.
 */
public final class RequestChecks {
  private RequestChecks() {}

  /** Checks a chat request; ranges follow the OpenAI specification. */
  public static void chat(ChatRequest r) {
    Checks.check(
        !r.messages().isEmpty(), "messages is empty; a request needs at least one message");
    Checks.inRange(r.temperature(), 0, 2, "temperature");
    Checks.inRange(r.topP(), 0, 1, "topP");
    Checks.atLeast(r.n(), 1, "n");
    stop(r.stop());
    Checks.atLeast(r.maxCompletionTokens(), 1, "maxCompletionTokens");
    Checks.atLeast(r.maxTokens(), 1, "maxTokens");
    Checks.inRange(r.presencePenalty(), -2, 2, "presencePenalty");
    Checks.inRange(r.frequencyPenalty(), -2, 2, "frequencyPenalty");
    logitBias(r.logitBias());
    Checks.inRange(r.topLogprobs(), 0, 20, "topLogprobs");
    Checks.check(
        r.topLogprobs() == null || Boolean.TRUE.equals(r.logprobs()),
        "topLogprobs is set but logprobs is not true; set logprobs(true) as well");
  }

  /** Checks a text completion request. */
  public static void completion(CompletionRequest r) {
    for (List<Integer> array : r.promptTokens()) {
      Checks.check(!array.isEmpty(), "promptTokens has an empty token array");
    }
    Checks.check(
        r.prompt().isEmpty() != r.promptTokens().isEmpty(),
        r.prompt().isEmpty()
            ? "no prompt; set prompt(...) or promptTokens(...)"
            : "both prompt and promptTokens are set; set only one");
    Checks.atLeast(r.maxTokens(), 0, "maxTokens");
    Checks.inRange(r.temperature(), 0, 2, "temperature");
    Checks.inRange(r.topP(), 0, 1, "topP");
    Checks.inRange(r.n(), 1, 128, "n");
    stop(r.stop());
    Checks.inRange(r.bestOf(), 0, 20, "bestOf");
    Checks.check(
        r.bestOf() == null || r.n() == null || r.bestOf() >= r.n(),
        "bestOf is " + r.bestOf() + " but n is " + r.n() + "; bestOf must be at least n");
    Checks.inRange(r.logprobs(), 0, 5, "logprobs");
    Checks.inRange(r.presencePenalty(), -2, 2, "presencePenalty");
    Checks.inRange(r.frequencyPenalty(), -2, 2, "frequencyPenalty");
    logitBias(r.logitBias());
  }

  private static void stop(List<String> stop) {
    Checks.atMost(stop, 4, "stop");
  }

  private static void logitBias(Map<String, Integer> bias) {
    bias.forEach((token, value) -> Checks.inRange(value, -100, 100, "logitBias[" + token + "]"));
  }
}
