package dev.llmkit.local;

import dev.llmkit.contract.FileServiceContract;
import dev.llmkit.file.FileService;
import dev.llmkit.local.internal.service.LocalFileStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The file contract kit on a file store in a fresh directory per test. */
class LocalFileServiceContractTest extends FileServiceContract {
  @TempDir Path dataDir;

  @Override
  protected FileService fileService() {
    return new LocalFileStore(dataDir, 1 << 20);
  }
}
