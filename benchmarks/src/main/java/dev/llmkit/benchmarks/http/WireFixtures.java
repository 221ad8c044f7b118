package dev.llmkit.benchmarks.http;

/**
 * The bodies the mock server sends, in the shape OpenAI's chat completions API sends today: every
 * chunk carries {@code service_tier}, {@code system_fingerprint}, {@code logprobs: null}, {@code
 * usage: null} and {@code obfuscation} (a field no SDK models, so it exercises unknown-field
 * handling), the first chunk the role with empty content, then one token per chunk, then the finish
 * reason, then the usage, then {@code [DONE]}.
 *
 * @param tokens content chunks per stream; the stream has {@code tokens + 4} events with [DONE]
 */
public record WireFixtures(int tokens) {
  static final String ID = "chatcmpl-CAbCdEfGhIjKlMnOpQrStUvWxYz01";
  static final String MODEL = "gpt-4o-mini-2024-07-18";
  private static final String PREFIX =
      "{\"id\":\""
          + ID
          + "\",\"object\":\"chat.completion.chunk\","
          + "\"created\":1754999999,\"model\":\""
          + MODEL
          + "\",\"service_tier\":\"default\","
          + "\"system_fingerprint\":\"fp_560af6e559\",\"choices\":[";

  public WireFixtures {
    if (tokens < 1) {
      throw new IllegalArgumentException("tokens is " + tokens + "; it must be >= 1");
    }
  }

  /** Events per stream that carry a JSON chunk (without {@code [DONE]}). */
  public int chunksPerStream() {
    return tokens + 3;
  }

  /** The i-th token: a word with its leading space, as tokenizers split English. */
  static String token(int i) {
    String[] words = {
      " The", " sky", " is", " blue", " because", " of", " Rayleigh", " scattering"
    };
    return i == 0 ? "Hello" : words[i % words.length];
  }

  String firstEvent() {
    return event(
        PREFIX
            + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
            + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,"
            + "\"obfuscation\":\"Qx7\"}");
  }

  String remainingEvents() {
    StringBuilder sb = new StringBuilder(tokens * 320);
    for (int i = 0; i < tokens; i++) {
      sb.append(
          event(
              PREFIX
                  + "{\"index\":0,\"delta\":{\"content\":\""
                  + token(i)
                  + "\"},"
                  + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\""
                  + "abcdefgh".substring(0, 1 + i % 8)
                  + "\"}"));
    }
    sb.append(
        event(
            PREFIX
                + "{\"index\":0,\"delta\":{},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":null,\"obfuscation\":\"k2\"}"));
    sb.append(event(PREFIX + "],\"usage\":" + usage() + ",\"obfuscation\":\"Zp\"}"));
    sb.append("data: [DONE]\n\n");
    return sb.toString();
  }

  private String usage() {
    return "{\"prompt_tokens\":12,\"completion_tokens\":"
        + tokens
        + ",\"total_tokens\":"
        + (12 + tokens)
        + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";
  }

  /** A non-streamed completion with a short answer, as {@code POST /chat/completions} returns. */
  String chatCompletion() {
    return "{\"id\":\""
        + ID
        + "\",\"object\":\"chat.completion\",\"created\":1754999999,"
        + "\"model\":\""
        + MODEL
        + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
        + "\"assistant\",\"content\":\"Hello! The sky is blue because of Rayleigh scattering.\","
        + "\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":11,\"total_tokens\":23,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
        + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_560af6e559\"}";
  }

  private static String event(String json) {
    return "data: " + json + "\n\n";
  }
}
