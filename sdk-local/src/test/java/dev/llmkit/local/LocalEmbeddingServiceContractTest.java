package dev.llmkit.local;

import dev.llmkit.contract.EmbeddingServiceContract;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.local.internal.embedding.EmbeddingModel;
import dev.llmkit.local.internal.embedding.EmbeddingModels;
import dev.llmkit.local.internal.model.TinyBert;
import dev.llmkit.local.internal.service.LocalEmbeddingService;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The embedding contract kit on a tiny BERT model the test writes. */
class LocalEmbeddingServiceContractTest extends EmbeddingServiceContract {
  @TempDir static Path dir;
  private static EmbeddingModel model;

  @BeforeAll
  static void load() {
    model = EmbeddingModels.load(new TinyBert(dir.resolve("tiny-bert.gguf"), 1, 9).file, 2);
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  @Override
  protected EmbeddingService embeddingService() {
    return new LocalEmbeddingService(model);
  }

  @Override
  protected EmbeddingRequest validRequest() {
    return EmbeddingRequest.builder()
        .model("tiny-bert")
        .inputs(List.of("hello world", "the cafe!", "我爱"))
        .build();
  }

  /** More dimensions than the model's 16. */
  @Override
  protected EmbeddingRequest invalidRequest() {
    return validRequest().toBuilder().dimensions(64).build();
  }

  @Override
  protected EmbeddingRequest shortenedRequest() {
    return validRequest().toBuilder().dimensions(8).build();
  }
}
