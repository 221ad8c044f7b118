package dev.llmkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LlmApiExceptionTest {
  private static LlmApiException of(int status) {
    return LlmApiException.builder("openai", status).message("boom").build();
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
        LlmApiException.builder("openai", 429)
            .errorType("requests")
            .errorCode("rate_limit_exceeded")
            .requestId("req_1")
            .retryAfter(Duration.ofSeconds(2))
            .message("Rate limit reached for gpt-4o-mini")
            .rawBody("{\"error\":{}}")
            .build();

    assertThat(e).isInstanceOf(RateLimitException.class);
    assertThat(e.getMessage())
        .isEqualTo(
            "openai: 429 rate_limit_exceeded: Rate limit reached for gpt-4o-mini (request req_1)");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(e.errorType()).contains("requests");
    assertThat(e.requestId()).contains("req_1");
    assertThat(e.provider()).isEqualTo("openai");
  }

  @Test
  void messageFallsBackToErrorTypeWithoutCode() {
    LlmApiException e =
        LlmApiException.builder("openai", 400)
            .errorType("invalid_request_error")
            .param("temperature")
            .message("temperature too high")
            .build();

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
    String body =
        "{\"error\":{\"message\":\"" + serverMessage + "\"}} Authorization: Bearer " + key;

    LlmApiException e =
        LlmApiException.builder("openai", 401)
            .errorCode("invalid_api_key")
            .message(serverMessage)
            .rawBody(body)
            .build();

    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.getMessage()).doesNotContain(key).contains("sk-***");
    assertThat(e.rawBody()).doesNotContain(key).doesNotContain("AbCdEf0123");
    assertThat(e.serverMessage()).doesNotContain(key);
    assertThat(e.toString()).doesNotContain(key);
  }

  @Test
  void rawBodyIsTruncatedToFourKibibytes() {
    String body = "x".repeat(10_000);

    LlmApiException e =
        LlmApiException.builder("openai", 502).message("bad gateway").rawBody(body).build();

    assertThat(e.rawBody())
        .hasSizeLessThanOrEqualTo(4096)
        .startsWith("xxxx")
        .endsWith("[truncated]");
  }

  @Test
  void otherExceptionsDeclareRetryability() {
    assertThat(LlmIoException.timeout("openai", "timeout", null).isRetryable()).isTrue();
    assertThat(new LlmStreamException("openai", "malformed chunk").isRetryable()).isFalse();
    assertThat(new ModelLoadException("local", "bad file").isRetryable()).isFalse();
  }

  @Test
  void namedFactoriesDescribeTheRejectedParameter() {
    InvalidRequestException bad =
        InvalidRequestException.invalidParameter("local", "temperature", "must be 0..2");
    InvalidRequestException missing =
        InvalidRequestException.notFound("local", "model_not_found", "model", "no model 'x'");

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.errorType()).contains("invalid_request_error");
    assertThat(bad.errorCode()).isEmpty();
    assertThat(bad.param()).contains("temperature");
    assertThat(bad.getMessage()).isEqualTo("local: 400 invalid_request_error: must be 0..2");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.errorCode()).contains("model_not_found");
    assertThat(missing.param()).contains("model");
    assertThat(missing.getMessage()).isEqualTo("local: 404 model_not_found: no model 'x'");
  }

  @Test
  void builderKeepsResponseHeadersWithLowerCaseNames() {
    LlmApiException e =
        LlmApiException.builder("openai", 429)
            .responseHeaders(
                java.util.Map.of("X-RateLimit-Remaining-Requests", java.util.List.of("0")))
            .build();

    assertThat(e.responseHeaders()).containsOnlyKeys("x-ratelimit-remaining-requests");
    assertThat(e.responseHeaders().get("x-ratelimit-remaining-requests")).containsExactly("0");
  }

  @Test
  void ioExceptionsTellTimeoutsFromUnreachableProviders() {
    assertThat(LlmIoException.timeout("openai", "read timed out", null).isTimeout()).isTrue();
    assertThat(new LlmIoException("openai", "connection refused", null).isTimeout()).isFalse();
  }
}
