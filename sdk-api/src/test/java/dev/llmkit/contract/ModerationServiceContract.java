package dev.llmkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmkit.LlmException;
import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationResponse;
import dev.llmkit.moderation.ModerationResult;
import dev.llmkit.moderation.ModerationService;
import io.reactivex.rxjava3.observers.TestObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ModerationService} must show, whatever the provider: one result per
 * input, scores that are probabilities, a flag that agrees with the categories, and the same
 * answers and errors from the blocking and the async call.
 *
 * <p>{@link #validRequest()} must have two or more text inputs and be answered deterministically.
 */
public abstract class ModerationServiceContract {
  /** The service under test. Called once per test method. */
  protected abstract ModerationService moderationService();

  /** A request with two or more texts that the provider answers deterministically. */
  protected abstract ModerationRequest validRequest();

  /** A well-formed request the provider rejects; the blocking call must throw an LlmException. */
  protected abstract ModerationRequest invalidRequest();

  /** How long one call may take. */
  protected Duration timeout() {
    return Duration.ofSeconds(30);
  }

  @Test
  void rejectsNullRequest() {
    ModerationService service = moderationService();

    NullPointerException blocking =
        assertThrows(NullPointerException.class, () -> service.moderate((ModerationRequest) null));
    NullPointerException async =
        assertThrows(NullPointerException.class, () -> service.moderateAsync(null));

    for (NullPointerException e : new NullPointerException[] {blocking, async}) {
      assertNotNull(e.getMessage(), "the NullPointerException must say which argument was null");
      assertTrue(e.getMessage().contains("request"), "message names 'request': " + e.getMessage());
    }
  }

  @Test
  void returnsOneResultPerInputWithProbabilityScores() {
    ModerationRequest request = validRequest();

    ModerationResponse response = moderationService().moderate(request);

    assertTrue(request.texts().size() >= 2, "validRequest() needs two or more texts");
    assertEquals(request.texts().size(), response.results().size(), "one result per input");
    for (ModerationResult result : response.results()) {
      for (Map.Entry<String, Double> score : result.categoryScores().entrySet()) {
        assertTrue(
            score.getValue() >= 0 && score.getValue() <= 1,
            "score of " + score.getKey() + " is a probability: " + score.getValue());
      }
      boolean anyCategory = result.categories().values().stream().anyMatch(Boolean::booleanValue);
      assertTrue(!anyCategory || result.flagged(), "a flagged category flags the result");
    }
    boolean anyFlagged = response.results().stream().anyMatch(ModerationResult::flagged);
    assertEquals(anyFlagged, response.flagged(), "the response is flagged iff a result is");
    assertFalse(response.model().isBlank(), "the response names a model");
  }

  @Test
  void sameRequestGivesSameVerdicts() {
    ModerationService service = moderationService();

    ModerationResponse first = service.moderate(validRequest());
    ModerationResponse second = service.moderate(validRequest());

    assertEquals(first.results(), second.results());
  }

  @Test
  void asyncDeliversSameResultAsBlocking() {
    ModerationService service = moderationService();

    ModerationResponse blocking = service.moderate(validRequest());
    TestObserver<ModerationResponse> async = service.moderateAsync(validRequest()).test();
    async.awaitDone(timeout().toMillis(), TimeUnit.MILLISECONDS);

    async.assertComplete().assertNoErrors().assertValueCount(1);
    assertEquals(blocking.results(), async.values().get(0).results());
  }

  @Test
  void asyncDeliversSameErrorsAsBlocking() {
    ModerationService service = moderationService();

    LlmException blocking =
        assertThrows(LlmException.class, () -> service.moderate(invalidRequest()));
    TestObserver<ModerationResponse> async = service.moderateAsync(invalidRequest()).test();
    async.awaitDone(timeout().toMillis(), TimeUnit.MILLISECONDS);

    async.assertError(blocking.getClass());
    assertFalse(
        blocking.getMessage() == null || blocking.getMessage().isBlank(),
        "the error says what is wrong");
  }
}
