package dev.llmkit.local.internal.service;

import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A second process for {@link LocalFileStoreProcessesTest}: uploads files into a data dir. */
public final class FileStoreWorker {
  private FileStoreWorker() {}

  /** Arguments: data dir, number of files, name tag. Prints the ids, one a line. */
  public static void main(String[] args) {
    LocalFileStore store = new LocalFileStore(Path.of(args[0]), 1 << 20);
    int count = Integer.parseInt(args[1]);
    for (int i = 0; i < count; i++) {
      String name = args[2] + "-" + i;
      System.out.println(
          store
              .upload(FileUpload.of(name.getBytes(StandardCharsets.UTF_8), name, FilePurpose.BATCH))
              .id());
    }
  }
}
