package dev.llmkit.local.internal.download;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code llmkit.local.model} value: either a file path, or {@code
 * hf:<owner>/<repo>/<path/in/repo>.gguf} with an optional {@code #sha256=<64 hex digits>} suffix.
 *
 * @param spec the original text
 * @param localPath the file, for path specs; null for {@code hf:} specs
 * @param owner Hugging Face owner, for {@code hf:} specs
 * @param repo Hugging Face repository, for {@code hf:} specs
 * @param file path of the file inside the repository, for {@code hf:} specs
 * @param sha256 expected SHA-256 (lower-case hex), when given in the spec
 */
public record ModelSpec(
    String spec,
    @Nullable Path localPath,
    @Nullable String owner,
    @Nullable String repo,
    @Nullable String file,
    @Nullable String sha256) {

  static final String HF_PREFIX = "hf:";
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Parses {@code spec}; throws IllegalArgumentException naming the problem. */
  public static ModelSpec parse(String spec) {
    if (spec.isBlank()) {
      throw new IllegalArgumentException(
          "model is blank; give a .gguf file path or hf:<owner>/<repo>/<file>.gguf");
    }
    if (!spec.startsWith(HF_PREFIX)) {
      try {
        return new ModelSpec(spec, Path.of(spec), null, null, null, null);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException(
            "model '" + spec + "' is not a valid file path: " + e.getReason(), e);
      }
    }
    String rest = spec.substring(HF_PREFIX.length());
    String sha256 = null;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      String fragment = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
      if (!fragment.startsWith("sha256=")
          || !SHA256.matcher(fragment.substring(7).toLowerCase(Locale.ROOT)).matches()) {
        throw new IllegalArgumentException(
            "model '" + spec + "': the only suffix allowed is #sha256=<64 hex digits>");
      }
      sha256 = fragment.substring(7).toLowerCase(Locale.ROOT);
    }
    String[] parts = rest.split("/", -1);
    if (parts.length < 3) {
      throw new IllegalArgumentException(
          "model '" + spec + "' must look like hf:<owner>/<repo>/<file>.gguf");
    }
    for (String part : parts) {
      if (!SEGMENT.matcher(part).matches() || part.contains("..")) {
        throw new IllegalArgumentException(
            "model '"
                + spec
                + "': path segment '"
                + part
                + "' is not allowed; use letters, digits, '.', '_' and '-'");
      }
    }
    String file = rest.substring(parts[0].length() + parts[1].length() + 2);
    if (!file.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
      throw new IllegalArgumentException("model '" + spec + "' must name a .gguf file");
    }
    return new ModelSpec(spec, null, parts[0], parts[1], file, sha256);
  }

  /** Whether this spec names a Hugging Face file to download. */
  public boolean isRemote() {
    return localPath == null;
  }

  /**
   * The file of a path spec.
   *
   * @throws IllegalStateException for {@code hf:} specs (see {@link #isRemote()})
   */
  public Path localFile() {
    if (localPath == null) {
      throw new IllegalStateException(spec + " names a file to download, not a local path");
    }
    return localPath;
  }

  /** The file name without directories. */
  public String fileName() {
    String f = localPath == null ? String.valueOf(file) : String.valueOf(localPath.getFileName());
    return f.substring(f.lastIndexOf('/') + 1);
  }
}
