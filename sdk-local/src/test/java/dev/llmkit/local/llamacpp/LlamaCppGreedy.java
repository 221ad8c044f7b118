package dev.llmkit.local.llamacpp;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Child-JVM side of {@link LlamaCppAdapterTest}: greedy completions by llama.cpp (de.kherud:llama,
 * its embedded server) of a base model, optionally with a LoRA adapter GGUF. Run in a JVM of its
 * own because de.kherud:llama prints to stdout, keeps non-daemon threads and cleans {@code llama*}
 * files out of {@code java.io.tmpdir} when it starts; this ends with {@link System#exit}.
 *
 * <p>Arguments: result file, model, adapter path or {@code -}, tokens to predict, prompts. The
 * result file gets one line per prompt: the completion's UTF-8 bytes in Base64.
 */
public final class LlamaCppGreedy {
  private LlamaCppGreedy() {}

  public static void main(String[] args) {
    try {
      run(args);
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    ModelParameters params =
        new ModelParameters().setModel(args[1]).setThreads(1).setThreadsBatch(1).setCtxSize(128);
    if (!args[2].equals("-")) {
      params.addLoraAdapter(args[2]);
    }
    int predict = Integer.parseInt(args[3]);
    List<String> lines = new ArrayList<>();
    try (LlamaModel llama = new LlamaModel(params)) {
      for (int i = 4; i < args.length; i++) {
        String text =
            llama.complete(
                new InferenceParameters(args[i])
                    .setNPredict(predict)
                    .setTemperature(0f)
                    .setTopK(1)
                    .setSeed(1)
                    .setCachePrompt(false));
        lines.add(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
      }
    }
    Files.write(out, lines, StandardCharsets.UTF_8);
  }
}
