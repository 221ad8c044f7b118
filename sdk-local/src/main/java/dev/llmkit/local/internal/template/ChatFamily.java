package dev.llmkit.local.internal.template;

import java.util.List;

/**
 * The prompt formats {@link ChatTemplates} recognises, with the strings that end an assistant turn.
 */
public enum ChatFamily {
  /**
   * {@code <|im_start|>role\n...<|im_end|>}: Qwen, SmolLM2, Hermes; also Phi-4's {@code <|im_sep|>}
   * variant.
   */
  CHATML(List.of("<|im_end|>", "<|endoftext|>")),
  /** {@code <|start_header_id|>role<|end_header_id|>\n\n...<|eot_id|>}: Llama 3, 3.1, 3.2, 3.3. */
  LLAMA3(List.of("<|eot_id|>", "<|eom_id|>", "<|end_of_text|>")),
  /** {@code [INST] <<SYS>>...<</SYS>> ... [/INST]}: Llama 2 chat. */
  LLAMA2(List.of("</s>")),
  /** {@code [INST] ... [/INST]} without {@code <<SYS>>}: Mistral / Mixtral instruct. */
  MISTRAL(List.of("</s>")),
  /** {@code <|user|>\n...<|end|>}: Phi-3, Phi-3.5. */
  PHI3(List.of("<|end|>", "<|endoftext|>")),
  /** {@code <start_of_turn>user\n...<end_of_turn>}, assistant role "model": Gemma. */
  GEMMA(List.of("<end_of_turn>", "<eos>")),
  /** The fallback for models without a (recognised) template: "User: ...\nAssistant:". */
  PLAIN(List.of("\nUser:", "\nSystem:"));

  private final List<String> stopStrings;

  ChatFamily(List<String> stopStrings) {
    this.stopStrings = stopStrings;
  }

  /** Texts that end an assistant turn; the control tokens among them also end generation as ids. */
  public List<String> stopStrings() {
    return stopStrings;
  }
}
