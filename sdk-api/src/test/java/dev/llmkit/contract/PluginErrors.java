package dev.llmkit.contract;

import io.reactivex.rxjava3.functions.Consumer;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records errors RxJava could not deliver (sent to {@link RxJavaPlugins#onError}) while it is open,
 * like RxJava's {@code TestHelper.trackPluginErrors()}. Close it to restore the previous handler.
 */
public final class PluginErrors implements AutoCloseable {
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final Consumer<? super Throwable> previous;

  private PluginErrors() {
    previous = RxJavaPlugins.getErrorHandler();
    RxJavaPlugins.setErrorHandler(errors::add);
  }

  /** Starts recording. */
  public static PluginErrors track() {
    return new PluginErrors();
  }

  /** The errors recorded so far. */
  public List<Throwable> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() {
    RxJavaPlugins.setErrorHandler(previous);
  }
}
