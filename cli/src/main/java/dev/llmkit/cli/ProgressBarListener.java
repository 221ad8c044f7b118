package dev.llmkit.cli;

import dev.llmkit.local.DownloadListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * Draws model download progress with the progressbar library on stderr, so stdout stays clean for
 * scripts. The bar is redrawn in place with a carriage return and ends with a line break when the
 * download completes or {@link #close()} is called.
 */
final class ProgressBarListener implements DownloadListener, AutoCloseable {
  private static final int WIDTH = 100;
  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;

  private final PrintWriter err;
  private @Nullable ProgressBar bar;

  ProgressBarListener(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void onProgress(String file, long downloadedBytes, long totalBytes) {
    if (bar == null) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(file)
              .setInitialMax(totalBytes)
              .setUnit(totalBytes >= 64 * MIB ? "MiB" : "KiB", totalBytes >= 64 * MIB ? MIB : KIB)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(250)
              .showSpeed()
              .setConsumer(new WriterConsumer(err))
              .build();
    } else if (totalBytes > 0 && totalBytes != bar.getMax()) {
      bar.maxHint(totalBytes);
    }
    bar.stepTo(downloadedBytes);
  }

  @Override
  public synchronized void onComplete(String file, Path path) {
    if (bar != null && bar.isIndefinite()) {
      bar.maxHint(bar.getCurrent()); // the size is known now: show 100%
    }
    close();
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  /** Renders onto the command's stderr writer rather than System.err or a jline terminal. */
  private static final class WriterConsumer implements ProgressBarConsumer {
    private final PrintWriter err;

    WriterConsumer(PrintWriter err) {
      this.err = err;
    }

    @Override
    public int getMaxRenderedLength() {
      return WIDTH;
    }

    @Override
    public void accept(String rendered) {
      err.print('\r');
      err.print(rendered);
      err.flush();
    }

    @Override
    public void close() {
      err.println();
      err.flush();
    }
  }
}
