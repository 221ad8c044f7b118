package dev.llmkit.file;

/** The order of a listing by creation time. */
public enum SortOrder {
  /** Oldest first. */
  ASC("asc"),
  /** Newest first; the provider default. */
  DESC("desc");

  private final String value;

  SortOrder(String value) {
    this.value = value;
  }

  /** The wire value, {@code "asc"} or {@code "desc"}. */
  public String value() {
    return value;
  }
}
