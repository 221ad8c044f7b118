package dev.llmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.finetuning.AwaitOptions;
import dev.llmkit.local.LocalClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fine-tuning workflow on the local provider with the bundled data set and stories260K. */
class LocalFineTuningWorkflowTest {
  @TempDir Path dir;

  @Test
  void convertsTrainsAndChatsWithTheTunedModelLocally() throws Exception {
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");
    Path data = dir.resolve("stories.jsonl");
    try (InputStream in =
        FineTuningWorkflow.class.getResourceAsStream("/fine-tuning/stories.jsonl")) {
      Files.copy(in, data);
    }
    Golden.Capture out = new Golden.Capture();
    try (LocalClient llm =
        LocalClient.builder().model(model).dataDir(dir.resolve("data")).threads(1).build()) {
      String reply =
          FineTuningWorkflow.run(
              llm,
              out,
              data,
              AwaitOptions.builder()
                  .initialInterval(Duration.ofMillis(50))
                  .maxInterval(Duration.ofMillis(200))
                  .timeout(Duration.ofSeconds(120))
                  .build());

      // the assistant turn as the model's (plain) template ends it, then end of sequence: it
      // stopped by itself long before maxTokens
      assertThat(reply).isEqualTo(" big green frog.\n");
    }
    assertThat(out.toString())
        .contains("converted 24 prompt/completion examples to chat format")
        .contains("24 examples")
        .contains("  Fine-tuning job started")
        .contains("  The job has successfully completed")
        .containsPattern(
            "ft:stories260K:llmkit-example:ftjob-[0-9a-f]+: Tom saw a -> big green"
                + " frog\\.\\R");
  }
}
