package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.testing.ChildJvm;
import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model that loads and answers as expected prints nothing through the JDK's default logging, in a
 * fresh JVM with the Vector API: the kernel choice is logged at DEBUG, and a first printed line
 * would cost the load the logging set-up (BENCHMARKS.md, "Session 19").
 */
class LocalQuietLoadTest {

  @Test
  void aModelThatLoadsAsExpectedPrintsNothing() throws Exception {
    Path model = SharedModels.resolve("stories260K/stories260K-Q8_0.gguf");
    String out = ChildJvm.run(true, List.of(), Load.class, model.toString());

    List<String> lines = new ArrayList<>();
    for (String line : out.split("\\R")) {
      // the JVM's own notice about the incubator module, printed before any llmkit code runs
      if (!line.isBlank()
          && !line.equals("WARNING: Using incubator modules: jdk.incubator.vector")) {
        lines.add(line);
      }
    }
    assertThat(lines).as("everything the child printed").containsExactly("answered");
  }

  /** Loads the model through the public API with a chat template, completes, prints one line. */
  static final class Load {
    private Load() {}

    public static void main(String[] args) {
      try (LocalClient client =
          LocalClient.builder()
              .model(Path.of(args[0]))
              .threads(2)
              .contextSize(64)
              .chatTemplate("chatml")
              .offline(true)
              .downloadListener(DownloadListener.none())
              .build()) {
        String text =
            client
                .completions()
                .complete(
                    CompletionRequest.builder()
                        .model("local")
                        .prompt("Once upon a time")
                        .temperature(0.0)
                        .maxTokens(4)
                        .build())
                .choices()
                .get(0)
                .text();
        System.out.println(text.isEmpty() ? "empty answer" : "answered");
      }
    }
  }
}
