package dev.llmkit.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark prompt of a model to a file, for the benchmarks module's {@code BenchMain}:
 * it gives the same text to every engine (llama.cpp too) but does not read GGUF files or tokenize
 * itself. Prints one line {@code @@LLMKIT-PROMPT tokens=N type=T}: the prompt's token count with
 * this model's tokenizer (BOS included) and the model's most common matrix type.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.llmkit.local.bench.PromptFile \
 *     --model smollm2-135m-Q8_0.gguf --prompt-tokens 128 --out prompt.txt
 * </pre>
 */
public final class PromptFile {
  static final String MARKER = "@@LLMKIT-PROMPT ";

  private PromptFile() {}

  public static void main(String[] argv) throws IOException {
    Args args = new Args(argv);
    PromptBuilder.Prompt prompt =
        PromptBuilder.build(Path.of(args.require("model")), args.intValue("prompt-tokens", 128));
    Files.writeString(Path.of(args.require("out")), prompt.text());
    System.out.println(MARKER + "tokens=" + prompt.tokens() + " type=" + prompt.type());
  }
}
