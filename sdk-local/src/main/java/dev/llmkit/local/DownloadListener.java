package dev.llmkit.local;

import java.nio.file.Path;

/**
 * Receives progress of a model download. Called on the downloading thread; keep it fast.
 *
 * <p>{@link LocalClient.Builder#downloadListener} installs one; by default a progress bar is drawn
 * on {@code System.err} when the JVM has a console.
 */
@FunctionalInterface
public interface DownloadListener {
  /**
   * Reports that {@code downloadedBytes} of {@code file} are on disk.
   *
   * @param file the file name being downloaded
   * @param downloadedBytes bytes on disk so far, including bytes from an earlier, resumed attempt
   * @param totalBytes the file's size, or {@code -1} if the server did not say
   */
  void onProgress(String file, long downloadedBytes, long totalBytes);

  /** Reports that the download finished, was verified and now is at {@code path}. */
  default void onComplete(String file, Path path) {}

  /** A listener that ignores everything. */
  static DownloadListener none() {
    return (file, downloaded, total) -> {};
  }
}
