package dev.llmkit.openai.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The streams a client has open, so {@code close()} can end them and free their threads. */
public final class ActiveStreams {
  private final Set<Runnable> closers = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Registers a closer; returns false if the client is already closed. */
  boolean add(Runnable closer) {
    closers.add(closer);
    if (closed) {
      closers.remove(closer);
      return false;
    }
    return true;
  }

  void remove(Runnable closer) {
    closers.remove(closer);
  }

  /** Ends every open stream. */
  public void closeAll() {
    closed = true;
    for (Runnable closer : closers) {
      closer.run();
    }
    closers.clear();
  }

  public boolean isClosed() {
    return closed;
  }

  public int size() {
    return closers.size();
  }
}
