package dev.llmkit.spring.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmApiException;
import dev.llmkit.model.Model;
import dev.llmkit.model.ModelDeletion;
import dev.llmkit.model.ModelService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The generic decorator for services without token usage, shown on ModelService. */
class MeteredServiceProxyTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ModelService provider =
      new ModelService() {
        @Override
        public List<Model> list() {
          return List.of(Model.builder().id("m1").created(1).ownedBy("me").build());
        }

        @Override
        public Model retrieve(String modelId) {
          throw LlmApiException.builder("test", 404)
              .errorCode("model_not_found")
              .message("no such model")
              .rawBody("")
              .build();
        }

        @Override
        public ModelDeletion delete(String modelId) {
          throw new UnsupportedOperationException("not called");
        }

        @Override
        public String toString() {
          return "FakeModels";
        }
      };
  private final ModelService metered =
      (ModelService) LlmMetricsPostProcessor.decorate(provider, new LlmMeters(registry, "test"));

  @Test
  void blockingCallsAreTimedAndReturnTheProvidersResult() {
    List<Model> models = metered.list();

    assertThat(models).extracting(Model::id).containsExactly("m1");
    assertThat(
            registry
                .get("llmkit.requests")
                .tags(
                    "capability",
                    "models",
                    "model",
                    "none",
                    "provider",
                    "test",
                    "outcome",
                    "success")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void asyncCallsAreTimedPerSubscription() {
    metered.listAsync().test().awaitDone(5, TimeUnit.SECONDS).assertComplete();

    assertThat(registry.get("llmkit.requests").tag("outcome", "success").timer().count())
        .isEqualTo(1);
  }

  @Test
  void errorsKeepTheirTypeAndAreCounted() {
    assertThatThrownBy(() -> metered.retrieve("nope")).isInstanceOf(InvalidRequestException.class);

    assertThat(
            registry.get("llmkit.errors").tag("type", "InvalidRequestException").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void objectMethodsAreNotMeasured() {
    assertThat(metered.toString()).isEqualTo("Metered[FakeModels]");
    assertThat(metered).isEqualTo(metered).isNotEqualTo(provider);

    assertThat(registry.find("llmkit.requests").timer()).isNull();
  }
}
