package dev.llmkit.local.internal.engine;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.sampling.SamplingParams;
import dev.llmkit.local.internal.template.ChatTemplates;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import dev.llmkit.local.testing.SharedModels;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Errors inside a forward pass reach the subscriber instead of killing the inference thread. */
class GeneratorErrorsTest {
  /** Fault injection: the real model, whose next forward pass runs out of heap when armed. */
  private static final class FailingRunner implements ModelRunner {
    final ModelRunner real;
    final AtomicBoolean armed = new AtomicBoolean();

    /** Raises what the JVM raises when a read of the mapped file faults (SIGBUS). */
    final AtomicBoolean faultArmed = new AtomicBoolean();

    FailingRunner(ModelRunner real) {
      this.real = real;
    }

    @Override
    public int vocabSize() {
      return real.vocabSize();
    }

    @Override
    public int trainedContextLength() {
      return real.trainedContextLength();
    }

    @Override
    public long forwardCalls() {
      return real.forwardCalls();
    }

    @Override
    public void close() {
      real.close();
    }

    @Override
    public Sequence newSequence(int capacity) {
      Sequence s = real.newSequence(capacity);
      return new Sequence() {
        @Override
        public float @Nullable [] feed(int[] tokens, BooleanSupplier stop) {
          if (armed.getAndSet(false)) {
            throw new OutOfMemoryError("Java heap space (injected)");
          }
          if (faultArmed.getAndSet(false)) {
            throw new InternalError(
                "a fault occurred in a recent unsafe memory access operation"
                    + " in compiled Java code (injected)");
          }
          return s.feed(tokens, stop);
        }

        @Override
        public int position() {
          return s.position();
        }

        @Override
        public void rewind(int position) {
          s.rewind(position);
        }

        @Override
        public void close() {
          s.close();
        }
      };
    }
  }

  @Test
  void aPromptWithoutTokensIsAnInvalidRequestNamingThePrompt() {
    Path path = SharedModels.resolve("stories260K/stories260K.gguf");
    GgufFile file = GgufFile.open(path);
    ComputePool pool = new ComputePool(1);
    ModelRunner runner = new LlamaRunner(file, pool, Llama.load(file, 64, pool));
    ModelInfo info = new ModelInfo("stories260K", path, "llama", "F32", 128, 64, 0);
    try (Generator generator =
        new Generator(
            runner,
            Tokenizer.fromMetadata(file.metadata()),
            ChatTemplates.fromMetadata(file.metadata()),
            info,
            1)) {
      GenerationSpec empty =
          new GenerationSpec(
              new int[0],
              SamplingParams.builder().temperature(0f).build(),
              List.of(),
              4,
              1,
              null,
              false);

      TestSubscriber<Step> s = generator.generate(() -> empty, "prompt").test();
      s.awaitDone(5, TimeUnit.SECONDS);

      s.assertError(
          e ->
              e instanceof InvalidRequestException
                  && ((InvalidRequestException) e).param().orElse("").equals("prompt")
                  && e.getMessage().contains("gives no tokens"));
    }
  }

  @Test
  void jsonModeNeedsRoomForTwoTokensAfterThePrompt() {
    Path path = SharedModels.resolve("stories260K/stories260K.gguf");
    GgufFile file = GgufFile.open(path);
    ComputePool pool = new ComputePool(1);
    ModelRunner runner = new LlamaRunner(file, pool, Llama.load(file, 64, pool));
    ModelInfo info = new ModelInfo("stories260K", path, "llama", "F32", 128, 64, 0);
    try (Generator generator =
        new Generator(
            runner,
            Tokenizer.fromMetadata(file.metadata()),
            ChatTemplates.fromMetadata(file.metadata()),
            info,
            1)) {
      int[] prompt = new int[63];
      java.util.Arrays.fill(prompt, 400);
      SamplingParams greedy = SamplingParams.builder().temperature(0f).build();

      TestSubscriber<Step> json =
          generator
              .generate(
                  () ->
                      new GenerationSpec(
                          prompt,
                          greedy,
                          List.of(),
                          8,
                          1,
                          ConstraintSpec.always(generator.constraints().jsonObject()),
                          false))
              .test();
      json.awaitDone(5, TimeUnit.SECONDS);
      TestSubscriber<Step> text =
          generator
              .generate(() -> new GenerationSpec(prompt, greedy, List.of(), 8, 1, null, false))
              .test();
      text.awaitDone(5, TimeUnit.SECONDS);

      json.assertError(
          e ->
              e instanceof InvalidRequestException
                  && e.getMessage().contains("at least 2 generated tokens in JSON mode"));
      text.assertNoErrors().assertComplete();
    }
  }

  @Test
  void outOfMemoryInAForwardPassFailsTheStreamAndFreesItsSlot() {
    Path path = SharedModels.resolve("stories260K/stories260K.gguf");
    GgufFile file = GgufFile.open(path);
    ComputePool pool = new ComputePool(1);
    FailingRunner runner =
        new FailingRunner(new LlamaRunner(file, pool, Llama.load(file, 64, pool)));
    ModelInfo info = new ModelInfo("stories260K", path, "llama", "F32", 128, 64, 0);
    try (Generator generator =
        new Generator(
            runner,
            Tokenizer.fromMetadata(file.metadata()),
            ChatTemplates.fromMetadata(file.metadata()),
            info,
            1)) {
      GenerationSpec spec =
          new GenerationSpec(
              new int[] {1, 400, 500},
              SamplingParams.builder().temperature(0f).build(),
              List.of(),
              4,
              1,
              null,
              false);

      runner.armed.set(true);
      TestSubscriber<Step> failed = generator.generate(() -> spec).test();
      failed.awaitDone(5, TimeUnit.SECONDS);
      TestSubscriber<Step> next = generator.generate(() -> spec).test();
      next.awaitDone(5, TimeUnit.SECONDS);

      failed.assertError(
          e ->
              e instanceof LlmException
                  && e.getCause() instanceof OutOfMemoryError
                  && e.getMessage().contains("-Xmx"));
      next.assertNoErrors().assertComplete();
    }
  }

  @Test
  void aMemoryFaultOnTheMappedFileFailsTheStreamTypedAndLaterRequestsFast() {
    Path path = SharedModels.resolve("stories260K/stories260K.gguf");
    GgufFile file = GgufFile.open(path);
    ComputePool pool = new ComputePool(1);
    FailingRunner runner =
        new FailingRunner(new LlamaRunner(file, pool, Llama.load(file, 64, pool)));
    ModelInfo info = new ModelInfo("stories260K", path, "llama", "F32", 128, 64, 0);
    try (dev.llmkit.contract.PluginErrors plugin = dev.llmkit.contract.PluginErrors.track();
        Generator generator =
            new Generator(
                runner,
                Tokenizer.fromMetadata(file.metadata()),
                ChatTemplates.fromMetadata(file.metadata()),
                info,
                1)) {
      GenerationSpec spec =
          new GenerationSpec(
              new int[] {1, 400, 500},
              SamplingParams.builder().temperature(0f).build(),
              List.of(),
              4,
              1,
              null,
              false);

      runner.faultArmed.set(true);
      TestSubscriber<Step> failed = generator.generate(() -> spec).test();
      failed.awaitDone(5, TimeUnit.SECONDS);
      TestSubscriber<Step> next = generator.generate(() -> spec).test();
      next.awaitDone(5, TimeUnit.SECONDS);

      failed.assertError(
          e ->
              e instanceof dev.llmkit.ModelLoadException
                  && e.getMessage().contains("mapped weights faulted")
                  && e.getCause() instanceof InternalError);
      next.assertError(
          e ->
              e instanceof dev.llmkit.ModelLoadException
                  && e.getMessage().contains("can no longer use it"));
      org.assertj.core.api.Assertions.assertThat(plugin.errors()).isEmpty();
    }
  }
}
