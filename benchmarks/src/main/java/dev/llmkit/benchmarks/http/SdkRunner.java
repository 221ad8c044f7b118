package dev.llmkit.benchmarks.http;

/**
 * One SDK under test, talking to the mock server: a streamed chat completion and a blocking one,
 * each the way the SDK's README shows it. Implementations consume every chunk the SDK hands out.
 */
interface SdkRunner extends AutoCloseable {
  /**
   * Streams one chat completion to its end.
   *
   * @return nanoseconds from the call to the first non-empty content token delivered to the caller
   */
  long stream() throws Exception;

  /** One blocking chat completion; returns its text so the work cannot be optimised away. */
  String chat() throws Exception;

  static SdkRunner create(String sdk, String baseUrl) {
    switch (sdk) {
      case "llmkit":
        return new LlmkitRunner(baseUrl);
      case "langchain4j":
        return new Langchain4jRunner(baseUrl);
      case "openai-java":
        return new OpenAiJavaRunner(baseUrl);
      default:
        throw new IllegalArgumentException(
            "unknown --sdk '" + sdk + "'; use llmkit, langchain4j or openai-java");
    }
  }
}
