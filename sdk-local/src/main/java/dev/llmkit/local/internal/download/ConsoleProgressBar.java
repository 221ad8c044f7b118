package dev.llmkit.local.internal.download;

import dev.llmkit.local.DownloadListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Draws a one-line progress bar, redrawn in place with {@code \r}, at most every 200 ms:
 *
 * <pre>model.gguf [##########----------]  50%  69.0 / 138.0 MB</pre>
 *
 * <p>Use {@link #forConsole()} to get a bar on {@code System.err} only when the JVM has a console
 * (so logs of services and CI stay clean), otherwise a listener that prints nothing.
 */
public final class ConsoleProgressBar implements DownloadListener {
  private static final int WIDTH = 20;
  private static final long INTERVAL_NANOS = 200_000_000L;

  private final PrintStream out;
  private final LongSupplier nanoClock;
  private long lastDraw = Long.MIN_VALUE;

  public ConsoleProgressBar(PrintStream out, LongSupplier nanoClock) {
    this.out = out;
    this.nanoClock = nanoClock;
  }

  /** A bar on {@code System.err} if a console is attached, else {@link DownloadListener#none()}. */
  public static DownloadListener forConsole() {
    return System.console() != null
        ? new ConsoleProgressBar(System.err, System::nanoTime)
        : DownloadListener.none();
  }

  @Override
  public synchronized void onProgress(String file, long downloadedBytes, long totalBytes) {
    long now = nanoClock.getAsLong();
    boolean finished = totalBytes >= 0 && downloadedBytes >= totalBytes;
    if (!finished && lastDraw != Long.MIN_VALUE && now - lastDraw < INTERVAL_NANOS) {
      return;
    }
    lastDraw = now;
    out.print("\r" + render(file, downloadedBytes, totalBytes));
    out.flush();
  }

  @Override
  public synchronized void onComplete(String file, Path path) {
    out.println();
    out.flush();
    lastDraw = Long.MIN_VALUE;
  }

  /** The line for the given progress, without the leading carriage return. */
  static String render(String file, long done, long total) {
    if (total <= 0) {
      return String.format(Locale.ROOT, "%s %.1f MB", file, done / 1e6);
    }
    int percent = (int) Math.min(100, done * 100 / total);
    int filled = percent * WIDTH / 100;
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %3d%%  %.1f / %.1f MB",
        file,
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        percent,
        done / 1e6,
        total / 1e6);
  }
}
