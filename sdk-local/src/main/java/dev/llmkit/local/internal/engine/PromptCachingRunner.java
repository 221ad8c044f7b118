package dev.llmkit.local.internal.engine;

import dev.llmkit.local.internal.model.LayerAdapter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the KV caches of finished sequences so that a later prompt starting with the same tokens
 * (the next turn of a chat, the same system prompt, a repeated request) skips that part: the cache
 * is rewound to the common prefix and only the rest of the prompt is processed. At most {@code
 * maxEntries} caches exist at once, lent or idle: to make room for a new one the least recently
 * used idle cache is dropped, so memory stays within what {@code maxEntries} concurrent requests
 * need.
 *
 * <p>Transparent to callers: a sequence picks a cached KV cache at its first {@link Sequence#feed},
 * one with enough capacity and the longest common prefix, and returns its cache to the pool when
 * closed (unless a forward pass failed). Logits equal those without the cache (up to the rounding
 * of batched kernels), because a position's keys and values depend only on the tokens up to it.
 */
final class PromptCachingRunner implements ModelRunner {
  private final ModelRunner inner;
  private final int maxEntries;
  private final ArrayDeque<Entry> idle = new ArrayDeque<>();

  /** KV caches lent to open sequences; with the idle ones never more than maxEntries. */
  private int lent;

  private boolean closed;

  PromptCachingRunner(ModelRunner inner, int maxEntries) {
    this.inner = inner;
    this.maxEntries = maxEntries;
  }

  /** An idle KV cache and the tokens it holds. */
  private record Entry(
      Sequence sequence, int capacity, int[] tokens, @Nullable LayerAdapter adapter) {}

  @Override
  public int vocabSize() {
    return inner.vocabSize();
  }

  @Override
  public int trainedContextLength() {
    return inner.trainedContextLength();
  }

  @Override
  public long forwardCalls() {
    return inner.forwardCalls();
  }

  @Override
  public Sequence newSequence(int capacity) {
    return new Pooled(capacity, null);
  }

  /** KV caches are only reused by sequences with the same adapter (or none). */
  @Override
  public Sequence newSequence(int capacity, @Nullable LayerAdapter adapter) {
    return new Pooled(capacity, adapter);
  }

  /** Removes and returns the usable entry sharing the longest prefix with {@code prompt}. */
  private synchronized @Nullable Entry take(
      int[] prompt, int capacity, @Nullable LayerAdapter adapter) {
    Entry best = null;
    int bestLength = -1;
    for (Entry e : idle) {
      int common = commonPrefix(e.tokens(), prompt);
      if (e.capacity() >= capacity && common > bestLength && e.adapter() == adapter) {
        best = e;
        bestLength = common;
      }
    }
    if (best != null) {
      idle.remove(best);
      lent++;
    }
    return best;
  }

  /** Makes room for a new KV cache by dropping least recently used idle ones. */
  private synchronized void reserveNew() {
    while (lent + idle.size() >= maxEntries && !idle.isEmpty()) {
      idle.removeFirst().sequence().close();
    }
    lent++;
  }

  private synchronized void returned() {
    lent--;
  }

  private void give(Entry entry) {
    Entry evicted = null;
    synchronized (this) {
      lent--;
      if (closed) {
        evicted = entry;
      } else {
        idle.addLast(entry);
        if (idle.size() > maxEntries) {
          evicted = idle.removeFirst();
        }
      }
    }
    if (evicted != null) {
      evicted.sequence().close();
    }
  }

  static int commonPrefix(int[] a, int[] b) {
    int n = Math.min(a.length, b.length);
    int i = 0;
    while (i < n && a[i] == b[i]) {
      i++;
    }
    return i;
  }

  /** Number of idle KV caches kept. */
  synchronized int idleCount() {
    return idle.size();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      for (Iterator<Entry> it = idle.iterator(); it.hasNext(); ) {
        it.next().sequence().close();
        it.remove();
      }
    }
    inner.close();
  }

  /** A sequence that borrows a cached KV cache at its first feed and returns it when closed. */
  private final class Pooled implements Sequence {
    private final int capacity;
    private final @Nullable LayerAdapter adapter;
    private @Nullable Sequence sequence;
    private int[] tokens = new int[16];
    private int size;
    private int cacheCapacity;
    private boolean failed;

    Pooled(int capacity, @Nullable LayerAdapter adapter) {
      this.capacity = capacity;
      this.adapter = adapter;
    }

    @Override
    public float @Nullable [] feed(int[] batch, BooleanSupplier stop) {
      try {
        Sequence s = sequence;
        int[] rest = batch;
        if (s == null) {
          Entry cached = take(batch, capacity, adapter);
          if (cached == null) {
            reserveNew();
            try {
              s = inner.newSequence(capacity, adapter);
            } catch (RuntimeException | Error e) {
              returned();
              throw e;
            }
            cacheCapacity = capacity;
          } else {
            s = cached.sequence();
            cacheCapacity = cached.capacity();
            // Keep the common prefix, but always compute at least the last token's logits.
            int keep = Math.min(commonPrefix(cached.tokens(), batch), batch.length - 1);
            s.rewind(keep);
            append(Arrays.copyOf(batch, keep));
            rest = Arrays.copyOfRange(batch, keep, batch.length);
          }
          sequence = s;
        }
        float[] logits = s.feed(rest, stop);
        if (logits == null) { // stopped part way: the cache holds an unknown prefix of rest
          failed = true;
          return null;
        }
        append(rest);
        return logits;
      } catch (RuntimeException | Error e) {
        failed = true;
        throw e;
      }
    }

    private void append(int[] more) {
      if (size + more.length > tokens.length) {
        tokens = Arrays.copyOf(tokens, Math.max(tokens.length * 2, size + more.length));
      }
      System.arraycopy(more, 0, tokens, size, more.length);
      size += more.length;
    }

    @Override
    public int position() {
      return size;
    }

    @Override
    public void rewind(int position) {
      Sequence s = sequence;
      if (s == null || position < 0 || position > size) {
        throw new IllegalArgumentException("cannot rewind to " + position + " from " + size);
      }
      s.rewind(position);
      size = position;
    }

    @Override
    public void pause() {
      Sequence s = sequence;
      if (s != null) {
        s.pause();
      }
    }

    @Override
    public void close() {
      Sequence s = sequence;
      sequence = null;
      if (s == null) {
        return;
      }
      s.pause();
      if (failed || size == 0) {
        returned();
        s.close();
      } else {
        give(new Entry(s, cacheCapacity, Arrays.copyOf(tokens, size), adapter));
      }
    }
  }
}
