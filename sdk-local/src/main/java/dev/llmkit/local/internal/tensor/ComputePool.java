package dev.llmkit.local.internal.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Splits index ranges over a fixed number of threads (a dedicated ForkJoinPool, daemon threads).
 * With one thread, work runs on the caller's thread. Close it to stop its threads.
 */
public final class ComputePool implements AutoCloseable {
  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  private final int threads;
  private final @Nullable ForkJoinPool pool;
  private volatile boolean closed;

  /** A pool with {@code threads} workers; IllegalArgumentException unless 1 ≤ threads ≤ 1024. */
  public ComputePool(int threads) {
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("threads must be between 1 and 1024, got " + threads);
    }
    this.threads = threads;
    if (threads == 1) {
      this.pool = null;
    } else {
      int id = POOL_IDS.incrementAndGet();
      AtomicInteger workerIds = new AtomicInteger();
      this.pool = new ForkJoinPool(threads, p -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
        t.setName("llmkit-local-" + id + "-" + workerIds.incrementAndGet());
        t.setDaemon(true);
        return t;
      }, null, false);
    }
  }

  /** A pool with one thread per available processor. */
  public static ComputePool ofAvailableProcessors() {
    return new ComputePool(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  /** Work on the index range {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into chunks, in parallel; returns when all are done.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public void forRange(int n, RangeBody body) {
    if (closed) {
      throw new IllegalStateException("compute pool is closed");
    }
    if (n <= 0) {
      return;
    }
    if (pool == null || n == 1) {
      body.run(0, n);
      return;
    }
    int chunks = Math.min(n, threads * 4);
    pool.invoke(new Split(body, n, 0, chunks));
  }

  private static final class Split extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient RangeBody body;
    private final int n;
    private final int firstChunk;
    private final int chunkCount;
    private final int totalChunks;

    Split(RangeBody body, int n, int firstChunk, int totalChunks) {
      this(body, n, firstChunk, totalChunks, totalChunks);
    }

    private Split(RangeBody body, int n, int firstChunk, int chunkCount, int totalChunks) {
      this.body = body;
      this.n = n;
      this.firstChunk = firstChunk;
      this.chunkCount = chunkCount;
      this.totalChunks = totalChunks;
    }

    @Override
    protected void compute() {
      if (chunkCount == 1) {
        int from = (int) ((long) n * firstChunk / totalChunks);
        int to = (int) ((long) n * (firstChunk + 1) / totalChunks);
        body.run(from, to);
        return;
      }
      int half = chunkCount / 2;
      invokeAll(new Split(body, n, firstChunk, half, totalChunks),
          new Split(body, n, firstChunk + half, chunkCount - half, totalChunks));
    }
  }

  /** Stops the worker threads; later {@link #forRange} calls fail. Idempotent. */
  @Override
  public void close() {
    closed = true;
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
