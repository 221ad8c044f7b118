package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.completion.CompletionChoice;
import dev.llmkit.completion.CompletionLogprobs;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.local.testing.SharedModels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Greedy generation through the public {@code completions()} API matches the reference outputs of
 * /work/shared/models (see its README): same text, same number of tokens, and log-probability gaps
 * between the top candidates equal to the reference logit gaps (log-softmax keeps differences). The
 * prompt is plain text; the model adds BOS as the reference's {@code prompt_token_ids} do. The tiny
 * random-weight files cover every supported architecture (llama with tied embeddings, qwen2, qwen3,
 * phi3, gemma2, gemma3).
 *
 * <p>The KV cache is pinned to {@code f32}: the references are float32 computations and the
 * tolerances (1e-4 for F32 files) are below what half-precision keys and values move logits by.
 * {@code LocalKvCacheTypeTest} holds the default {@code f16} cache to the same texts.
 */
class LocalReferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "stories260K/stories260K.gguf, stories260K-F32.greedy.json, 1e-4",
    "stories260K/stories260K-F16.gguf, stories260K-F16.greedy.json, 1e-3",
    "stories260K/stories260K-BF16.gguf, stories260K-BF16.greedy.json, 1e-3",
    "stories260K/stories260K-Q8_0.gguf, stories260K-Q8_0.greedy.json, 1e-3",
    "stories260K/stories260K-Q4_0.gguf, stories260K-Q4_0.greedy.json, 1e-3",
    "llama-2-tiny-random/llama-2-tiny-random.gguf, llama-2-tiny-random-F16.greedy.json, 1e-4",
    "stories260K/stories260K.gguf, stories260K-F32.golden256.json, 1e-4",
    "tiny-random-arch/tiny-llama-tied-F32.gguf, tiny-llama-tied-F32.greedy.json, 1e-4",
    "tiny-random-arch/tiny-qwen2-F32.gguf, tiny-qwen2-F32.greedy.json, 1e-4",
    "tiny-random-arch/tiny-qwen3-F32.gguf, tiny-qwen3-F32.greedy.json, 1e-4",
    "tiny-random-arch/tiny-phi3-F32.gguf, tiny-phi3-F32.greedy.json, 1e-4",
    "tiny-random-arch/tiny-gemma2-F32.gguf, tiny-gemma2-F32.greedy.json, 1e-4",
    "tiny-random-arch/tiny-gemma3-F32.gguf, tiny-gemma3-F32.greedy.json, 1e-4",
    "llama-kq-random/llama-kq-F32.gguf, llama-kq-F32.greedy.json, 1e-4",
  })
  void greedyCompletionsMatchTheReference(String model, String reference, double tolerance)
      throws IOException {
    JsonNode ref = JSON.readTree(SharedModels.resolve("reference/" + reference).toFile());
    try (LocalClient client =
        LocalClient.builder()
            .model(SharedModels.resolve(model))
            .contextSize(512)
            .threads(2)
            .kvCacheType("f32")
            .build()) {
      for (JsonNode c : ref.get("cases")) {
        JsonNode expected = c.get("results").get("numpy-f32");
        int n = c.get("n_predict").asInt();

        CompletionResponse response =
            client
                .completions()
                .complete(
                    CompletionRequest.builder()
                        .model("local")
                        .prompt(c.get("prompt").asText())
                        .temperature(0.0)
                        .maxTokens(n)
                        .logprobs(5)
                        .extraBody(Map.of("ignore_eos", true)) // the references do not stop at EOS
                        .build());

        String id = reference + " / " + c.get("id").asText();
        CompletionChoice choice = response.choices().get(0);
        assertThat(choice.text()).as(id).isEqualTo(expected.get("text").asText());
        assertThat(choice.finishReason()).as(id).contains(FinishReason.LENGTH);
        assertThat(response.usage().orElseThrow().promptTokens())
            .as(id)
            .isEqualTo(c.get("prompt_token_ids").size());
        assertThat(response.usage().orElseThrow().completionTokens()).as(id).isEqualTo(n);
        assertLogitGaps(id, choice.logprobs().orElseThrow(), expected, tolerance);
      }
    }
  }

  /** Sorted top-5 log-probabilities differ from each other as the reference logits do. */
  private static void assertLogitGaps(
      String id, CompletionLogprobs lp, JsonNode expected, double tolerance) {
    JsonNode top5 = expected.get("top5");
    assertThat(lp.tokens()).as(id).hasSize(top5.size());
    for (int k = 0; k < top5.size(); k++) {
      List<Double> want = new ArrayList<>();
      top5.get(k).forEach(pair -> want.add(pair.get(1).asDouble()));
      Map<String, Double> got = lp.topLogprobs().get(k);
      List<Double> have = new ArrayList<>(got.values());
      have.sort((a, b) -> Double.compare(b, a));
      assertThat(lp.tokens().get(k))
          .as(id + " token " + k)
          .isEqualTo(expected.get("pieces").get(k).asText());
      assertThat(lp.tokenLogprobs().get(k))
          .as(id + " chosen token is the top one at " + k)
          .isCloseTo(have.get(0), within(1e-6));
      if (have.size() < want.size()) {
        // top_logprobs is keyed by text: two of the top 5 decode alike (random-weight models
        // often rank lone byte tokens, all "\uFFFD"), so the gaps cannot be lined up
        continue;
      }
      for (int j = 1; j < have.size(); j++) {
        assertThat(have.get(0) - have.get(j))
            .as(id + " gap " + j + " at step " + k)
            .isCloseTo(want.get(0) - want.get(j), within(2 * tolerance));
      }
    }
  }
}
