package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.engine.GenerationSpec;
import dev.llmkit.local.internal.engine.Generator;
import dev.llmkit.local.internal.engine.ModelLoader;
import dev.llmkit.local.internal.sampling.SamplingParams;
import dev.llmkit.local.testing.ChildJvm;
import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In a fresh JVM, loading a model chooses the kernels on {@link SelectionAhead}'s thread while the
 * loader reads the file, and the loaded model runs with the kernels that thread chose; with the
 * Vector API module and without it (the choice itself is the same as when the loader makes it).
 */
class SelectionAheadTest {

  @Test
  void theFirstLoadChoosesTheKernelsBesideTheParsing() throws Exception {
    Path model = SharedModels.resolve("stories260K/stories260K-Q8_0.gguf");
    String withVector = child(model, true);
    assertThat(withVector)
        .contains("selected on " + SelectionAhead.THREAD_NAME)
        .contains("kernels vector(")
        .contains("generated 4 tokens");
    String scalar = child(model, false);
    assertThat(scalar)
        .contains("selected on " + SelectionAhead.THREAD_NAME)
        .contains("kernels scalar")
        .contains("generated 4 tokens");
  }

  private static String child(Path model, boolean vectorModule) throws Exception {
    return ChildJvm.run(vectorModule, List.of(), Load.class, model.toString());
  }

  /** Loads the model through the engine's loader, generates four tokens, prints what it saw. */
  static final class Load {
    private Load() {}

    public static void main(String[] args) {
      try (Generator g = ModelLoader.load(Path.of(args[0]), 2, 64, 0, 1)) {
        System.out.println("selected on " + KernelSelection.SELECTED_ON);
        System.out.println("kernels " + Kernels.active().name());
        int[] prompt = g.tokenizer().encode("Once upon a time", true, false);
        SamplingParams greedy = SamplingParams.builder().temperature(0f).build();
        long tokens =
            g.generate(() -> new GenerationSpec(prompt, greedy, List.of(), 4, 1, null, false))
                .filter(step -> step.token() != null)
                .count()
                .blockingGet();
        System.out.println("generated " + tokens + " tokens");
      }
    }
  }
}
