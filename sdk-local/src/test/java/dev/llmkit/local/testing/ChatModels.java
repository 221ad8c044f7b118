package dev.llmkit.local.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes tiny random-weight models with a byte-level BPE vocabulary (every byte a token, no merges)
 * plus the control tokens and chat template of a tool-calling family, for tests of tool calls
 * through the public API. A random model knows no syntax: constrained decoding must supply all of
 * it.
 */
public final class ChatModels {
  /** A family to write. */
  public enum Family {
    /** Qwen2.5-style ChatML with Hermes {@code <tool_call>} tools. */
    CHATML_HERMES(
        List.of("<|im_start|>", "<|im_end|>", "<|endoftext|>"),
        List.of("<tool_call>", "</tool_call>"),
        "<|im_end|>",
        "{%- if tools %}<|im_start|>system\n# Tools\n<tools>"
            + "{%- for tool in tools %}\n{{ tool | tojson }}{%- endfor %}\n</tools>\nReply with"
            + " <tool_call>{\"name\": ..., \"arguments\": ...}</tool_call><|im_end|>\n{%- endif %}"
            + "{%- for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n"
            + "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"),
    /** As {@link #CHATML_HERMES}, with a reasoning template whose prompt opens {@code <think>}. */
    CHATML_THINKING(
        List.of("<|im_start|>", "<|im_end|>", "<|endoftext|>"),
        List.of("<tool_call>", "</tool_call>", "<think>", "</think>"),
        "<|im_end|>",
        "{#- replies start with"
            + " <think>...</think> #}{%- if tools %}<|im_start|>system\n<tools>{%- for tool in tools %}"
            + "\n{{ tool | tojson }}{%- endfor %}\n</tools><|im_end|>\n{%- endif %}"
            + "{%- for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n"
            + "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n<think>\n{% endif %}"),
    /** Llama 3.1-style JSON tool calls. */
    LLAMA31(
        List.of(
            "<|begin_of_text|>",
            "<|start_header_id|>",
            "<|end_header_id|>",
            "<|eot_id|>",
            "<|eom_id|>",
            "<|python_tag|>"),
        List.of(),
        "<|eot_id|>",
        "{{- bos_token }}<|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date:"
            + " December 2023\n{%- if tools %}\nYou may call these functions:\n{%- for t in tools %}"
            + "\n{{ t | tojson }}{%- endfor %}{%- endif %}<|eot_id|>"
            + "{%- for m in messages %}<|start_header_id|>{{ m.role }}<|end_header_id|>\n\n"
            + "{{ m.content }}<|eot_id|>{%- endfor %}"
            + "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n"
            + "{% endif %}"),
    /**
     * Mistral Nemo's real template (from the shared chat-template reference), with {@code
     * [TOOL_CALLS]} a control token as in Mistral's vocabularies.
     */
    MISTRAL_NEMO(
        List.of(
            "<s>",
            "</s>",
            "[INST]",
            "[/INST]",
            "[TOOL_CALLS]",
            "[AVAILABLE_TOOLS]",
            "[/AVAILABLE_TOOLS]",
            "[TOOL_RESULTS]",
            "[/TOOL_RESULTS]"),
        List.of(),
        "</s>",
        "reference:mistralai-Mistral-Nemo-Instruct-2407"),
    /** Phi-4-mini's real template: tools on the system message, calls as functools[...]. */
    PHI4_MINI(
        List.of(
            "<|system|>",
            "<|user|>",
            "<|assistant|>",
            "<|end|>",
            "<|tool|>",
            "<|/tool|>",
            "<|endoftext|>"),
        List.of(),
        "<|end|>",
        "reference:microsoft-Phi-4-mini-instruct");

    final List<String> control;
    final List<String> userDefined;
    final String eos;
    final String template;

    Family(List<String> control, List<String> userDefined, String eos, String template) {
      this.control = control;
      this.userDefined = userDefined;
      this.eos = eos;
      this.template = template;
    }

    /** The Jinja source; "reference:NAME" is read from the shared chat-template reference. */
    String template() {
      if (!template.startsWith("reference:")) {
        return template;
      }
      String name = template.substring("reference:".length());
      for (var item : ChatTemplateReference.items()) {
        if (item.get("template_name").asText().equals(name)) {
          return item.get("template").asText();
        }
      }
      throw new IllegalStateException("no template " + name + " in the reference");
    }
  }

  private ChatModels() {}

  /** The token strings: 256 byte tokens in GPT-2's byte alphabet, then the family's specials. */
  public static List<String> tokens(Family family) {
    List<String> tokens = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      tokens.add(new String(Character.toChars(gpt2(b))));
    }
    tokens.addAll(family.control);
    tokens.addAll(family.userDefined);
    return tokens;
  }

  /** GPT-2's printable stand-in for byte {@code b}. */
  private static int gpt2(int b) {
    if ((b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255)) {
      return b;
    }
    int n = 0;
    for (int x = 0; x < b; x++) {
      if (!((x >= 33 && x <= 126) || (x >= 161 && x <= 172) || (x >= 174 && x <= 255))) {
        n++;
      }
    }
    return 256 + n;
  }

  private static GgufWriter bos(GgufWriter w, int id) {
    return id < 0 ? w : w.putU32("tokenizer.ggml.bos_token_id", id);
  }

  /** Writes the model to {@code file}. */
  public static Path write(Path file, Family family, long seed) {
    List<String> tokens = tokens(family);
    int[] types = new int[tokens.size()];
    for (int i = 0; i < types.length; i++) {
      String t = tokens.get(i);
      types[i] = family.control.contains(t) ? 3 : family.userDefined.contains(t) ? 4 : 1;
    }
    TinyModels.Spec spec = new TinyModels.Spec();
    spec.dim = 32;
    spec.layers = 1;
    spec.heads = 2;
    spec.kvHeads = 1;
    spec.headDim = 16;
    spec.ffn = 32;
    spec.vocab = tokens.size();
    spec.context = 4096;
    spec.seed = seed;
    spec.metadata =
        w ->
            bos(w, tokens.indexOf("<s>"))
                .putString("tokenizer.ggml.model", "gpt2")
                .putString("tokenizer.ggml.pre", "qwen2")
                .putStringArray("tokenizer.ggml.tokens", tokens.toArray(new String[0]))
                .putIntArray("tokenizer.ggml.token_type", types)
                .putStringArray("tokenizer.ggml.merges")
                .putU32("tokenizer.ggml.eos_token_id", tokens.indexOf(family.eos))
                .putBool("tokenizer.ggml.add_bos_token", false)
                .putString("tokenizer.chat_template", family.template());
    TinyModels.write(file, spec);
    return file;
  }
}
