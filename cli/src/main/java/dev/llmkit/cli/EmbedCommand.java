package dev.llmkit.cli;

import dev.llmkit.LlmClient;
import dev.llmkit.embedding.Embedding;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmkit embed}: one embedding per TEXT, as a summary line or as JSON lines. */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description =
        "Embeds each TEXT; prints one line per text: its dimensions and first values,"
            + " or with --format json the whole vector as a JSON line. With the local provider"
            + " --model is the embedding GGUF (e.g. all-MiniLM-L6-v2) unless"
            + " llmkit.local.embedding-model is set; no chat model is needed.")
final class EmbedCommand implements Callable<Integer> {
  static final String DEFAULT_MODEL = "text-embedding-3-small";
  static final int PREVIEW = 5;

  enum Format {
    TEXT,
    JSON
  }

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (dimensions + first values) or json (one JSON object per line).")
  Format format = Format.TEXT;

  @Option(
      names = "--dimensions",
      paramLabel = "N",
      description = "Ask for shorter vectors (models that support it).")
  @Nullable Integer dimensions;

  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Texts to embed.")
  List<String> texts;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (LlmClient llm = client.openClient(ClientOptions.LocalModel.EMBEDDING)) {
      EmbeddingRequest request =
          EmbeddingRequest.builder()
              .model(client.requestModel(DEFAULT_MODEL))
              .inputs(texts)
              .dimensions(dimensions)
              .build();
      EmbeddingResponse response = llm.embeddings().embed(request);
      for (Embedding embedding : response.data()) {
        out.println(format == Format.JSON ? json(embedding) : summary(embedding));
      }
      out.flush();
      return 0;
    }
  }

  static String json(Embedding embedding) {
    StringBuilder line =
        new StringBuilder("{\"index\":").append(embedding.index()).append(",\"embedding\":[");
    float[] vector = embedding.vector();
    for (int i = 0; i < vector.length; i++) {
      line.append(i == 0 ? "" : ",").append(vector[i]);
    }
    return line.append("]}").toString();
  }

  static String summary(Embedding embedding) {
    float[] vector = embedding.vector();
    StringBuilder line =
        new StringBuilder()
            .append(embedding.index())
            .append(": ")
            .append(vector.length)
            .append(" dims [");
    for (int i = 0; i < Math.min(PREVIEW, vector.length); i++) {
      line.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", vector[i]));
    }
    return line.append(vector.length > PREVIEW ? ", …]" : "]").toString();
  }
}
