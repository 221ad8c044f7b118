package dev.llmkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LlmApiExceptionTest {
  private static LlmApiException of(int status) {
    return LlmApiException.of("openai", status, null, null, null, null, null, "boom", null);
  }

  @ParameterizedTest
  @CsvSource({
    "400, InvalidRequestException, false",
    "401, AuthenticationException, false",
    "403, AuthenticationException, false",
    "404, InvalidRequestException, false",
    "408, LlmApiException, true",
    "409, InvalidRequestException, true",
    "413, InvalidRequestException, false",
    "422, InvalidRequestException, false",
    "429, RateLimitException, true",
    "500, ServerException, true",
    "502, ServerException, true",
    "503, ServerException, true",
  })
  void factoryPicksTypeAndRetryabilityByStatus(int status, String type, boolean retryable) {
    LlmApiException e = of(status);

    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.statusCode()).isEqualTo(status);
  }

  @Test
  void messageNamesProviderStatusCodeAndRequestId() {
    LlmApiException e =
        LlmApiException.of(
            "openai", 429, "requests", "rate_limit_exceeded", null, "req_1", Duration.ofSeconds(2),
            "Rate limit reached for gpt-4o-mini", "{\"error\":{}}");

    assertThat(e).isInstanceOf(RateLimitException.class);
    assertThat(e.getMessage())
        .isEqualTo("openai: 429 rate_limit_exceeded: Rate limit reached for gpt-4o-mini (request req_1)");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(e.errorType()).contains("requests");
    assertThat(e.requestId()).contains("req_1");
    assertThat(e.provider()).isEqualTo("openai");
  }

  @Test
  void messageFallsBackToErrorTypeWithoutCode() {
    LlmApiException e =
        LlmApiException.of(
            "openai", 400, "invalid_request_error", null, "temperature", null, null,
            "temperature too high", null);

    assertThat(e.getMessage()).isEqualTo("openai: 400 invalid_request_error: temperature too high");
    assertThat(e.param()).contains("temperature");
    assertThat(e.errorCode()).isEmpty();
    assertThat(e.retryAfter()).isEmpty();
    assertThat(e.rawBody()).isEmpty();
  }

  @Test
  void apiKeyEchoedByServerNeverAppears() {
    String key = "sk-proj-AbCdEf0123456789xyz";
    String serverMessage = "Incorrect API key provided: " + key + ".";
    String body = "{\"error\":{\"message\":\"" + serverMessage + "\"}} Authorization: Bearer " + key;

    LlmApiException e =
        LlmApiException.of("openai", 401, null, "invalid_api_key", null, null, null, serverMessage, body);

    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.getMessage()).doesNotContain(key).contains("sk-***");
    assertThat(e.rawBody()).doesNotContain(key).doesNotContain("AbCdEf0123");
    assertThat(e.serverMessage()).doesNotContain(key);
    assertThat(e.toString()).doesNotContain(key);
  }

  @Test
  void rawBodyIsTruncatedToFourKibibytes() {
    String body = "x".repeat(10_000);

    LlmApiException e = LlmApiException.of("openai", 502, null, null, null, null, null, "bad gateway", body);

    assertThat(e.rawBody()).hasSizeLessThanOrEqualTo(4096).startsWith("xxxx").endsWith("[truncated]");
  }

  @Test
  void otherExceptionsDeclareRetryability() {
    assertThat(new LlmIoException("openai", "timeout", null, true).isRetryable()).isTrue();
    assertThat(new LlmStreamException("openai", "malformed chunk").isRetryable()).isFalse();
    assertThat(new ModelLoadException("local", "bad file").isRetryable()).isFalse();
  }
}
