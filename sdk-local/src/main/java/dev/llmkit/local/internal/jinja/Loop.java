package dev.llmkit.local.internal.jinja;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@code loop} variable of a for loop. */
final class Loop {
  private final List<@Nullable Object> items;
  private final int depth0;
  int index0;

  Loop(List<@Nullable Object> items, int depth0) {
    this.items = items;
    this.depth0 = depth0;
  }

  @Nullable Object attribute(String name) {
    int n = items.size();
    switch (name) {
      case "index0":
        return (long) index0;
      case "index":
        return (long) index0 + 1;
      case "revindex":
        return (long) (n - index0);
      case "revindex0":
        return (long) (n - index0 - 1);
      case "first":
        return index0 == 0;
      case "last":
        return index0 == n - 1;
      case "length":
        return (long) n;
      case "depth":
        return (long) depth0 + 1;
      case "depth0":
        return (long) depth0;
      case "previtem":
        return index0 > 0 ? items.get(index0 - 1) : Values.undefined("there is no previous item");
      case "nextitem":
        return index0 + 1 < n ? items.get(index0 + 1) : Values.undefined("there is no next item");
      case "cycle":
        return (Values.Callable)
            (args, kwargs) -> {
              if (args.isEmpty()) {
                throw JinjaException.type("no items for cycling given");
              }
              return args.get(index0 % args.size());
            };
      default:
        return Values.noAttribute(this, name);
    }
  }
}
