package dev.llmkit.cli;

import dev.llmkit.LlmClient;
import dev.llmkit.file.FileDeletion;
import dev.llmkit.file.FileListRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmkit files upload|list|get|content|rm}: the provider's file storage. */
@Command(
    name = "files",
    mixinStandardHelpOptions = true,
    description =
        "Uploads, lists, reads and deletes files stored by the provider. No model is needed"
            + " or loaded: local files are kept under llmkit.local.data-dir.")
final class FilesCommand {
  @Spec CommandSpec spec;

  @Command(
      name = "upload",
      mixinStandardHelpOptions = true,
      description = "Uploads FILE and prints the new file id.")
  int upload(
      @Mixin ClientOptions client,
      @Option(
              names = "--purpose",
              defaultValue = "fine-tune",
              paramLabel = "PURPOSE",
              description = "fine-tune (default), batch, assistants, user_data, …")
          String purpose,
      @Parameters(paramLabel = "FILE") Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    try (LlmClient llm = client.openClient(ClientOptions.LocalModel.NONE)) {
      StoredFile stored = llm.files().upload(FileUpload.of(file, FilePurpose.of(purpose)));
      println(stored.id());
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists stored files: id, bytes, purpose, file name.")
  int list(
      @Mixin ClientOptions client,
      @Option(names = "--purpose", paramLabel = "PURPOSE", description = "Only this purpose.")
          @Nullable String purpose) {
    FileListRequest.Builder request = FileListRequest.builder();
    if (purpose != null) {
      request.purpose(FilePurpose.of(purpose));
    }
    try (LlmClient llm = client.openClient(ClientOptions.LocalModel.NONE)) {
      for (StoredFile file : llm.files().listAll(request.build())) {
        println(
            file.id()
                + "\t"
                + file.bytes()
                + "\t"
                + file.purpose().value()
                + "\t"
                + file.filename());
      }
      return 0;
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Prints a stored file's metadata.")
  int get(@Mixin ClientOptions client, @Parameters(paramLabel = "FILE_ID") String id) {
    try (LlmClient llm = client.openClient(ClientOptions.LocalModel.NONE)) {
      StoredFile file = llm.files().retrieve(id);
      println("id: " + file.id());
      println("filename: " + file.filename());
      println("bytes: " + file.bytes());
      println("purpose: " + file.purpose().value());
      println("created: " + file.createdAt());
      file.status().ifPresent(status -> println("status: " + status.value()));
      file.expiresAt().ifPresent(at -> println("expires: " + at));
      return 0;
    }
  }

  @Command(
      name = "content",
      mixinStandardHelpOptions = true,
      description = "Writes a stored file's content to stdout or to --output.")
  int content(
      @Mixin ClientOptions client,
      @Option(
              names = {"-o", "--output"},
              paramLabel = "PATH",
              description = "Write here.")
          @Nullable Path output,
      @Parameters(paramLabel = "FILE_ID") String id)
      throws IOException {
    try (LlmClient llm = client.openClient(ClientOptions.LocalModel.NONE);
        InputStream in = llm.files().content(id)) {
      if (output != null) {
        Files.copy(in, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } else {
        PrintWriter out = spec.commandLine().getOut();
        out.flush();
        copyAsText(in, out);
      }
      return 0;
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Deletes a stored file.")
  int rm(@Mixin ClientOptions client, @Parameters(paramLabel = "FILE_ID") String id) {
    try (LlmClient llm = client.openClient(ClientOptions.LocalModel.NONE)) {
      FileDeletion deletion = llm.files().delete(id);
      println((deletion.deleted() ? "deleted " : "not deleted ") + deletion.id());
      return 0;
    }
  }

  private void println(String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line);
    out.flush();
  }

  /** Stored files of llmkit's use (JSONL) are UTF-8 text; decode them onto the writer. */
  private static void copyAsText(InputStream in, PrintWriter out) throws IOException {
    java.io.Reader reader =
        new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8);
    char[] buffer = new char[8192];
    for (int n; (n = reader.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
    }
    out.flush();
  }
}
