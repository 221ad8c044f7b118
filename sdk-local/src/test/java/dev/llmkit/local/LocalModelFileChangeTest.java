package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmkit.ModelLoadException;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.local.testing.SharedModels;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory-mapped model file truncated or rewritten while a client uses it (a re-download into
 * the same file, {@code cp} over it, a full disk): requests fail with a {@link ModelLoadException}
 * saying the file changed, in time, also when the fault hits in the middle of a request; nothing
 * hangs and {@code close()} returns. A file renamed over the loaded one is harmless: the loaded
 * inode stays mapped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalModelFileChangeTest {
  private static final ChatRequest HI =
      ChatRequest.builder()
          .model("local")
          .addUserMessage("Once upon a time")
          .maxTokens(300)
          .temperature(0.0)
          .build();

  @TempDir Path dir;

  private Path copy() throws IOException {
    return Files.copy(
        SharedModels.resolve("stories260K/stories260K.gguf"), dir.resolve("model.gguf"));
  }

  private static LocalClient client(Path model) {
    return LocalClient.builder().model(model).threads(1).contextSize(512).build();
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  @Test
  void aFileTruncatedBetweenRequestsFailsTheNextOnesFast() throws IOException {
    Path model = copy();
    try (LocalClient client = client(model)) {
      assertThat(client.chat().chat(HI).choices()).hasSize(1);
      truncate(model, 4096);

      for (int i = 0; i < 2; i++) {
        Throwable thrown = catchThrowable(() -> client.chat().chat(HI));
        assertThat(thrown)
            .isInstanceOf(ModelLoadException.class)
            .hasMessageContaining("model file changed on disk")
            .hasMessageContaining("size is now 4096 bytes");
      }
    }
  }

  @Test
  void aFileTruncatedUnderARunningRequestFailsItWithATypedError() throws Exception {
    Path model = copy();
    LocalClient client = client(model);
    TestSubscriber<ChatChunk> stream = client.chat().stream(HI).test(1);
    stream.awaitCount(1); // generation is pull-driven: nothing runs ahead of the request
    truncate(model, 4096); // every weight page is now past the end: reading one raises SIGBUS

    stream.requestMore(Long.MAX_VALUE);
    assertThat(stream.await(30, TimeUnit.SECONDS)).as("the stream ended").isTrue();
    stream.assertError(
        e ->
            e instanceof ModelLoadException
                && e.getMessage().contains("model file changed on disk"));

    Throwable next = catchThrowable(() -> client.chat().chat(HI));
    assertThat(next)
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model file changed on disk");
    long start = System.nanoTime();
    client.close();
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
  }

  @Test
  void aFileRenamedOverTheLoadedOneLeavesTheClientWorking() throws IOException {
    Path model = copy();
    try (LocalClient client = client(model)) {
      String before = client.chat().chat(HI).choices().get(0).message().text();
      Path download = Files.copy(model, dir.resolve("download.part"));
      Files.move(
          download, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

      assertThat(client.chat().chat(HI).choices().get(0).message().text()).isEqualTo(before);
    }
  }
}
