package dev.llmkit.examples;

import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.file.FileListRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileService;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Uploads a file, lists and reads it back, then deletes it. Needs a provider that stores files
 * (OpenAI); the local provider answers with UnsupportedCapabilityException.
 *
 * <pre>
 * mvn -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.llmkit.examples.FilesExample \
 *     -Dllmkit.provider=openai -Dexec.args=train.jsonl
 * </pre>
 */
public final class FilesExample {
  private FilesExample() {}

  public static void main(String[] args) throws IOException {
    try (LlmClient llm = Llm.client()) {
      run(llm, System.out, Path.of(args.length > 0 ? args[0] : "train.jsonl"));
    }
  }

  /** Round-trips {@code file} through the provider's storage; returns the content read back. */
  static String run(LlmClient llm, PrintStream out, Path file) throws IOException {
    FileService files = llm.files();

    StoredFile stored = files.upload(FileUpload.of(file, FilePurpose.FINE_TUNE));
    out.println(
        "uploaded " + stored.filename() + " as " + stored.id() + " (" + stored.bytes() + " bytes)");

    for (StoredFile listed : files.list(FileListRequest.builder().limit(10).build()).data()) {
      out.println("listed   " + listed.id() + " " + listed.filename());
    }

    String content;
    try (InputStream in = files.content(stored.id())) { // streamed; close it
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    out.println("content  " + content.lines().count() + " lines");

    out.println("deleted  " + files.delete(stored.id()).deleted());
    return content;
  }
}
