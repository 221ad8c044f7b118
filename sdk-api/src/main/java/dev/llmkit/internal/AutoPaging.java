package dev.llmkit.internal;

import dev.llmkit.common.Page;
import io.reactivex.rxjava3.core.Flowable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Walks a cursor-paged listing: fetches a page, hands out its elements, and fetches the next page
 * (with the last id as {@code after}) only when the elements run out and the page said {@code
 * has_more}.
 */
public final class AutoPaging<T> implements Iterator<T> {
  private final Function<@Nullable String, Page<T>> fetch;
  private final Function<T, String> idOf;
  private Iterator<T> current = Collections.emptyIterator();
  private @Nullable String after;
  private boolean exhausted;

  private AutoPaging(
      @Nullable String after, Function<@Nullable String, Page<T>> fetch, Function<T, String> idOf) {
    this.after = after;
    this.fetch = fetch;
    this.idOf = idOf;
  }

  /** A lazy iterable: each iterator starts again at {@code after}. */
  public static <T> Iterable<T> iterable(
      @Nullable String after, Function<@Nullable String, Page<T>> fetch, Function<T, String> idOf) {
    return () -> new AutoPaging<>(after, fetch, idOf);
  }

  /** A cold flowable that fetches pages on the requesting thread as items are requested. */
  public static <T> Flowable<T> flowable(
      @Nullable String after, Function<@Nullable String, Page<T>> fetch, Function<T, String> idOf) {
    return Flowable.generate(
        () -> new AutoPaging<>(after, fetch, idOf),
        (paging, emitter) -> {
          if (paging.hasNext()) {
            emitter.onNext(paging.next());
          } else {
            emitter.onComplete();
          }
        });
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      if (exhausted) {
        return false;
      }
      fetchNext();
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more elements");
    }
    return current.next();
  }

  private void fetchNext() {
    @Nullable String cursor = after;
    Page<T> page = Objects.requireNonNull(fetch.apply(cursor), "the listing returned no page");
    List<T> data = page.data();
    current = data.iterator();
    if (!page.hasMore()) {
      exhausted = true;
      return;
    }
    String next =
        page.lastId()
            .orElseGet(() -> data.isEmpty() ? null : idOf.apply(data.get(data.size() - 1)));
    if (next == null || next.equals(cursor)) {
      throw new IllegalStateException(
          "the provider reported more pages after cursor "
              + cursor
              + " but gave no new cursor; stopping instead of fetching the same page forever");
    }
    after = next;
  }

  @Override
  public String toString() {
    return "AutoPaging{after=" + after + ", exhausted=" + exhausted + "}";
  }
}
