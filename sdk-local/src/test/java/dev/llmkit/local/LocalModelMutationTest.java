package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.LlmException;
import dev.llmkit.ModelLoadException;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.local.testing.ChatModels;
import dev.llmkit.local.testing.GgufMutations;
import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mutation campaign through {@link LocalClient}: seeded mutants of real GGUF files and of a
 * test-written chat model (truncations at every section boundary and at random offsets, flipped and
 * random bytes in header, metadata and tensor infos, absurd counts, dimensions, offsets, types,
 * context and head sizes) are each loaded and asked for two tokens. Every mutant must either load
 * and generate, or fail with a {@link LlmException} whose message says what is wrong (for a load
 * error: names the file, no control characters, bounded length) within the time limit; anything
 * else (NullPointerException, ArrayIndexOutOfBoundsException, OutOfMemoryError, a hang) is an
 * escape and fails the test.
 *
 * <p>{@code -Dllmkit.mutations=N} sets the mutants per file (default 120) and {@code
 * -Dllmkit.mutations.seed=S} the seed; RELIABILITY.md records a long run.
 */
class LocalModelMutationTest {
  private static final int COUNT = Integer.getInteger("llmkit.mutations", 120);
  private static final long SEED = Long.getLong("llmkit.mutations.seed", 15L);
  private static final long TIME_LIMIT_SECONDS = 30;
  private static final int MAX_MESSAGE = 4_000;
  private static final ChatRequest HI =
      ChatRequest.builder()
          .model("local")
          .addUserMessage("Once upon a time")
          .maxTokens(2)
          .temperature(0.0)
          .build();

  private static Level savedLevel;

  @TempDir Path dir;

  @BeforeAll
  static void quiet() { // fallback-template warnings for each mutant would flood the log
    Logger logger = Logger.getLogger("dev.llmkit.local");
    savedLevel = logger.getLevel();
    logger.setLevel(Level.SEVERE);
  }

  @AfterAll
  static void restore() {
    Logger.getLogger("dev.llmkit.local").setLevel(savedLevel);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "stories260K/stories260K-Q8_0.gguf",
        "tiny-random-arch/tiny-qwen3-F32.gguf",
        "tiny-random-arch/tiny-phi3-F32.gguf",
        "llama-kq-random/llama-kq-Q4_K.gguf",
        "written"
      })
  void everyMutantLoadsOrFailsWithATypedErrorInTime(String base) throws Exception {
    Path source =
        base.equals("written")
            ? ChatModels.write(dir.resolve("written.gguf"), ChatModels.Family.CHATML_HERMES, 7)
            : SharedModels.resolve(base);
    GgufMutations mutations = GgufMutations.of(Files.readAllBytes(source));
    List<GgufMutations.Mutant> mutants = mutations.mutants(SEED ^ base.hashCode(), COUNT);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> escapes = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService runner = Executors.newSingleThreadExecutor(daemon());
    long start = System.nanoTime();
    try {
      int i = 0;
      for (GgufMutations.Mutant m : mutants) {
        Path file = Files.write(dir.resolve("m" + (i++) + ".gguf"), m.bytes());
        String outcome = run(runner, file, m, escapes);
        outcomes.merge(outcome, 1, Integer::sum);
        if (outcome.equals("hang")) {
          runner = Executors.newSingleThreadExecutor(daemon()); // the stuck thread stays behind
        }
        Files.deleteIfExists(file);
      }
    } finally {
      runner.shutdownNow();
    }
    System.out.printf(
        "mutation campaign %s (%s): %d mutants, seed %d, %.1f s: %s%n",
        base,
        mutations.layout(),
        mutants.size(),
        SEED,
        (System.nanoTime() - start) / 1e9,
        outcomes);
    assertThat(escapes).as("mutants that escaped").isEmpty();
  }

  private static String run(
      ExecutorService runner, Path file, GgufMutations.Mutant m, List<String> escapes)
      throws InterruptedException {
    Future<String> result =
        runner.submit(
            () -> {
              try (LocalClient client =
                  LocalClient.builder().model(file).threads(1).contextSize(64).build()) {
                try {
                  client.chat().chat(HI);
                  return "loaded and generated";
                } catch (LlmException e) {
                  return check(e, file, m, escapes, "generation failed: ");
                }
              } catch (LlmException e) {
                return check(e, file, m, escapes, "load failed: ");
              } catch (Throwable e) {
                escapes.add(m.description() + ": " + e);
                return "escape";
              }
            });
    try {
      return result.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      escapes.add(m.description() + ": no answer within " + TIME_LIMIT_SECONDS + " s");
      return "hang";
    } catch (java.util.concurrent.ExecutionException e) {
      escapes.add(m.description() + ": " + e.getCause());
      return "escape";
    }
  }

  private static String check(
      LlmException e, Path file, GgufMutations.Mutant m, List<String> escapes, String kind) {
    String message = String.valueOf(e.getMessage());
    boolean bad =
        message.isBlank()
            || message.length() > MAX_MESSAGE
            || message.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7F)
            || e instanceof ModelLoadException && !message.contains(file.getFileName().toString());
    if (bad) {
      escapes.add(
          m.description()
              + ": unclear or unsafe message ("
              + message.length()
              + " chars): "
              + message.substring(0, Math.min(300, message.length())));
    }
    return kind + e.getClass().getSimpleName();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "mutant-loader");
      t.setDaemon(true);
      return t;
    };
  }
}
