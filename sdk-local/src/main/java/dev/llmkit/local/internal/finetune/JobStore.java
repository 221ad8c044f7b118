package dev.llmkit.local.internal.finetune;

import dev.llmkit.LlmException;
import dev.llmkit.LlmIoException;
import dev.llmkit.local.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Jobs on disk: {@code <data dir>/fine_tuning/<job id>/job.json} (written atomically), the final
 * adapter {@code adapter.gguf} next to it, and per checkpoint {@code checkpoint-<step>/} with the
 * checkpoint's {@code adapter.gguf} and the optimizer state {@code state.bin}.
 */
final class JobStore {
  private static final Logger LOG = Logger.getLogger(JobStore.class.getName());
  private final Path root;

  /** Jobs whose job.json could not be used, by id (folder name): what is wrong. */
  private final Map<String, String> corrupt = new ConcurrentHashMap<>();

  JobStore(Path dataDir) {
    this.root = dataDir.resolve("fine_tuning");
  }

  Path root() {
    return root;
  }

  Path dir(String jobId) {
    return root.resolve(jobId);
  }

  Path adapter(String jobId) {
    return dir(jobId).resolve("adapter.gguf");
  }

  Path checkpointDir(String jobId, long step) {
    return dir(jobId).resolve("checkpoint-" + step);
  }

  /** Creates the job's folder; a clear error when the data directory is not writable. */
  void create(String jobId) {
    Path dir = dir(jobId);
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".probe", ".tmp");
      Files.delete(probe);
    } catch (AccessDeniedException e) {
      throw notWritable(dir, e);
    } catch (IOException e) {
      throw notWritable(dir, e);
    }
  }

  private static LlmException notWritable(Path dir, IOException e) {
    return new LlmIoException(
        "local",
        "cannot write fine-tuning data to "
            + dir
            + " ("
            + e
            + "); make the data directory writable or set llmkit.local.data-dir to one that is",
        e);
  }

  void save(JobRecord r) {
    Path file = dir(r.id).resolve("job.json");
    Path tmp = dir(r.id).resolve("job.json.tmp");
    try {
      Files.writeString(tmp, Json.writePretty(r.toMap(), 1), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new LlmIoException(
          "local", "cannot save fine-tuning job " + r.id + " to " + file + ": " + e, e);
    }
  }

  /** The lock file guarding job.json writes of all clients on this data directory. */
  Path lockFile() {
    return root.resolve(".lock");
  }

  /** The lock file held by the client that runs job {@code jobId}. */
  Path runLock(String jobId) {
    return dir(jobId).resolve("run.lock");
  }

  /**
   * The job as saved on disk, or null if it has no job.json or a corrupt one (then logged and
   * remembered for {@link #corruption}).
   */
  @Nullable JobRecord load(String jobId) {
    Path d = dir(jobId);
    Path file = d.resolve("job.json");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      // JSON nulls stay null values: JobFileCheck and JobRecord read every value through
      // Map.get, which NullAway treats as nullable whatever the value type says.
      @SuppressWarnings("NullAway")
      Map<String, Object> map = Json.parseObject(Files.readString(file));
      JobFileCheck.check(map, jobId);
      corrupt.remove(jobId);
      return JobRecord.fromMap(map);
    } catch (IOException | RuntimeException e) {
      String why =
          file
              + " is corrupt ("
              + e.getMessage()
              + "); restore it from a backup"
              + " or delete the folder "
              + d;
      if (corrupt.put(jobId, why) == null) {
        LOG.log(Level.WARNING, "skipping fine-tuning job " + jobId + ": " + why);
      }
      return null;
    }
  }

  /**
   * Why the job {@code jobId}'s state file could not be used at the last {@link #loadAll}, or null
   * if it was not found corrupt.
   */
  @Nullable String corruption(String jobId) {
    return corrupt.get(jobId);
  }

  /**
   * Every job found on disk. A {@code job.json} that is not valid JSON or lacks a field (see {@link
   * JobFileCheck}) is logged and skipped, and remembered for {@link #corruption}.
   */
  List<JobRecord> loadAll() {
    List<JobRecord> all = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return all;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "ftjob-*")) {
      for (Path d : dirs) {
        JobRecord r = load(d.getFileName().toString());
        if (r != null) {
          all.add(r);
        }
      }
    } catch (IOException e) {
      throw new LlmIoException("local", "cannot list fine-tuning jobs in " + root + ": " + e, e);
    }
    return all;
  }
}
