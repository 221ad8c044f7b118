package dev.llmkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmkit.LlmException;
import dev.llmkit.common.Usage;
import dev.llmkit.embedding.Embedding;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.embedding.EmbeddingService;
import io.reactivex.rxjava3.observers.TestObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EmbeddingService} must show, whatever the provider. A provider's test
 * subclasses this and supplies the service and requests; see {@code sdk-local} (a tiny BERT model
 * the test writes) for an example.
 *
 * <p>{@link #validRequest()} must have at least two inputs and be answered deterministically.
 */
public abstract class EmbeddingServiceContract {
  /** The service under test. Called once per test method. */
  protected abstract EmbeddingService embeddingService();

  /** A request with two or more inputs that the provider answers deterministically. */
  protected abstract EmbeddingRequest validRequest();

  /** A well-formed request the provider rejects; the blocking call must throw an LlmException. */
  protected abstract EmbeddingRequest invalidRequest();

  /**
   * {@link #validRequest()} with {@code dimensions} set to fewer than the model's, or null when the
   * provider cannot shorten vectors (the test is then skipped).
   */
  protected @Nullable EmbeddingRequest shortenedRequest() {
    return null;
  }

  /** How long one call may take. */
  protected Duration timeout() {
    return Duration.ofSeconds(30);
  }

  @Test
  void rejectsNullRequest() {
    EmbeddingService service = embeddingService();

    NullPointerException blocking =
        assertThrows(NullPointerException.class, () -> service.embed(null));
    NullPointerException async =
        assertThrows(NullPointerException.class, () -> service.embedAsync(null));

    for (NullPointerException e : new NullPointerException[] {blocking, async}) {
      assertNotNull(e.getMessage(), "the NullPointerException must say which argument was null");
      assertTrue(e.getMessage().contains("request"), "message names 'request': " + e.getMessage());
    }
  }

  @Test
  void returnsOneFiniteVectorPerInputInInputOrder() {
    EmbeddingRequest request = validRequest();

    EmbeddingResponse response = embeddingService().embed(request);

    assertTrue(request.inputCount() >= 2, "validRequest() needs two or more inputs");
    assertEquals(request.inputCount(), response.data().size(), "one embedding per input");
    int dims = response.embedding(0).dimensions();
    assertTrue(dims > 0, "vectors are not empty");
    for (int i = 0; i < request.inputCount(); i++) {
      Embedding e = response.embedding(i);
      assertEquals(dims, e.dimensions(), "all vectors have the same length");
      for (float f : e.vector()) {
        assertTrue(Float.isFinite(f), "component of embedding " + i + " is finite");
      }
    }
    assertTrue(!response.model().isBlank(), "the response names a model");
  }

  @Test
  void usageCountsPromptTokensWhenReported() {
    EmbeddingResponse response = embeddingService().embed(validRequest());

    if (response.usage().isPresent()) {
      Usage usage = response.usage().get();
      assertTrue(usage.promptTokens() > 0, "prompt tokens are counted");
      assertEquals(usage.promptTokens(), usage.totalTokens(), "embeddings have no completion");
    }
  }

  @Test
  void sameRequestGivesSameVectors() {
    EmbeddingService service = embeddingService();

    EmbeddingResponse first = service.embed(validRequest());
    EmbeddingResponse second = service.embed(validRequest());

    for (int i = 0; i < first.data().size(); i++) {
      assertArrayEquals(
          first.embedding(i).vector(), second.embedding(i).vector(), "embedding " + i);
    }
  }

  @Test
  void asyncDeliversSameResultAsBlocking() {
    EmbeddingService service = embeddingService();

    EmbeddingResponse blocking = service.embed(validRequest());
    TestObserver<EmbeddingResponse> async = service.embedAsync(validRequest()).test();
    async.awaitDone(timeout().toMillis(), TimeUnit.MILLISECONDS);

    async.assertComplete().assertNoErrors().assertValueCount(1);
    EmbeddingResponse a = async.values().get(0);
    for (int i = 0; i < blocking.data().size(); i++) {
      assertArrayEquals(blocking.embedding(i).vector(), a.embedding(i).vector(), "embedding " + i);
    }
  }

  @Test
  void rejectedRequestFailsWithLlmExceptionBlockingAndAsync() {
    EmbeddingService service = embeddingService();

    assertThrows(LlmException.class, () -> service.embed(invalidRequest()));
    TestObserver<EmbeddingResponse> async = service.embedAsync(invalidRequest()).test();
    async.awaitDone(timeout().toMillis(), TimeUnit.MILLISECONDS);
    async.assertError(LlmException.class);
  }

  @Test
  void dimensionsShortensVectorsToUnitLength() {
    EmbeddingRequest request = shortenedRequest();
    assumeTrue(request != null, "the provider does not shorten vectors");

    EmbeddingResponse response = embeddingService().embed(request);

    int dims = java.util.Objects.requireNonNull(request.dimensions());
    for (Embedding e : response.data()) {
      assertEquals(dims, e.dimensions(), "vectors have the requested length");
      double norm = 0;
      for (float f : e.vector()) {
        norm += f * f;
      }
      assertEquals(1.0, Math.sqrt(norm), 1e-3, "shortened vectors are renormalised");
    }
  }
}
