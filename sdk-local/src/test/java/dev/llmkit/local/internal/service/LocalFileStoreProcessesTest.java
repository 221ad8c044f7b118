package dev.llmkit.local.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.StoredFile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes share one data directory while both upload. */
class LocalFileStoreProcessesTest {
  @TempDir Path dataDir;

  private Process worker(int count, String tag) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            FileStoreWorker.class.getName(),
            dataDir.toString(),
            Integer.toString(count),
            tag)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  @Test
  void uploadsFromTwoProcessesAtOnceAreAllListedIntact() throws Exception {
    LocalFileStore store = new LocalFileStore(dataDir, 1 << 20);
    Process other = worker(30, "child");
    List<String> mine = new ArrayList<>();

    for (int i = 0; i < 30; i++) {
      String name = "parent-" + i;
      mine.add(
          store
              .upload(FileUpload.of(name.getBytes(StandardCharsets.UTF_8), name, FilePurpose.BATCH))
              .id());
    }
    assertThat(other.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
    List<String> theirs =
        new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

    assertThat(other.exitValue()).isZero();
    assertThat(theirs).hasSize(30);
    List<StoredFile> listed = store.list().data();
    Set<String> ids = new HashSet<>(mine);
    ids.addAll(theirs);
    assertThat(listed).extracting(StoredFile::id).containsExactlyInAnyOrderElementsOf(ids);
    for (StoredFile f : listed) {
      try (InputStream in = store.content(f.id())) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(f.filename());
      }
    }
  }
}
