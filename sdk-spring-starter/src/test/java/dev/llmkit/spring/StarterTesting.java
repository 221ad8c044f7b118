package dev.llmkit.spring;

import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

/** Runners and fixtures shared by the starter's tests. */
public final class StarterTesting {
  private StarterTesting() {}

  /**
   * A runner with every llmkit auto-configuration and without the process environment, so an {@code
   * OPENAI_API_KEY} on the developer's machine cannot change the outcome.
   */
  public static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
        .withConfiguration(
            AutoConfigurations.of(
                OpenAiAutoConfiguration.class,
                LocalModelAutoConfiguration.class,
                LlmAutoConfiguration.class,
                LlmHealthAutoConfiguration.class,
                LlmMetricsAutoConfiguration.class));
  }

  /** Properties for an OpenAI client pointed at a WireMock server, without retries. */
  public static String[] openAi(String wireMockBaseUrl) {
    return new String[] {
      "llmkit.openai.api-key=test-key",
      "llmkit.openai.base-url=" + wireMockBaseUrl + "/v1",
      "llmkit.openai.max-retries=0"
    };
  }

  /** GET /v1/models with one model. */
  public static final String MODELS_JSON =
      "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\","
          + "\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"system\"}]}";

  /** A chat completion with usage 12 in, 3 out. */
  public static final String CHAT_JSON =
      "{\"id\":\"chatcmpl-test-1\",\"object\":\"chat.completion\","
          + "\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}";

  /** A streamed chat completion: two content chunks, then a usage chunk (5 in, 2 out). */
  public static final String CHAT_SSE =
      chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}", null)
          + chunk("{\"content\":\"lo\"}", "\"stop\"")
          + "data: {\"id\":\"chatcmpl-test-2\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
          + "\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,"
          + "\"completion_tokens\":2,\"total_tokens\":7}}\n\n"
          + "data: [DONE]\n\n";

  /** OpenAI's 401 body. */
  public static final String UNAUTHORIZED_JSON =
      "{\"error\":{\"message\":\"Incorrect API key"
          + " provided.\",\"type\":\"invalid_request_error\",\"param\":null,"
          + "\"code\":\"invalid_api_key\"}}";

  private static String chunk(String delta, String finishReason) {
    return "data: {\"id\":\"chatcmpl-test-2\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + finishReason
        + "}]}\n\n";
  }

  /**
   * The shared reference model {@code relative} (under /work/shared/models or {@code
   * LLMKIT_SHARED_MODELS}). Skips when the folder is absent and the variable unset; fails when the
   * variable is set but the file is missing.
   */
  public static Path sharedModel(String relative) {
    return SharedModels.resolve(relative);
  }
}
