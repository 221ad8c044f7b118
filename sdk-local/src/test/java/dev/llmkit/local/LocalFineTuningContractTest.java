package dev.llmkit.local;

import dev.llmkit.LlmClient;
import dev.llmkit.contract.FineTuningContract;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.Hyperparameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The provider-neutral fine-tuning contract on stories260K (a short run: one epoch). */
class LocalFineTuningContractTest extends FineTuningContract {
  @TempDir Path dataDir;

  @Override
  protected LlmClient client() {
    return LocalFineTuningTest.client(dataDir);
  }

  @Override
  protected String baseModel() {
    return "stories260K";
  }

  @Override
  protected byte[] trainingData() {
    return LocalFineTuningTest.jsonl().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected CreateFineTuningJobRequest.Builder customize(CreateFineTuningJobRequest.Builder b) {
    return b.seed(3L)
        .putExtraBody("threads", 1)
        .method(
            FineTuneMethod.supervised(Hyperparameters.builder().nEpochs(1).batchSize(4).build()));
  }
}
