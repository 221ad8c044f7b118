package dev.llmkit.local.internal.moderation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Llama Guard 3's prompt for classifying a user message, as its chat template renders it for one
 * {@code user} turn with the default MLCommons hazard categories S1–S14. The rendered text does not
 * contain {@code <|begin_of_text|>}: tokenizing with special tokens adds it, as for chat.
 */
public final class GuardPrompt {
  /** The hazard categories the prompt lists, code → title. */
  public static final Map<String, String> CATEGORIES = categories();

  private GuardPrompt() {}

  private static Map<String, String> categories() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("S1", "Violent Crimes");
    c.put("S2", "Non-Violent Crimes");
    c.put("S3", "Sex Crimes");
    c.put("S4", "Child Exploitation");
    c.put("S5", "Defamation");
    c.put("S6", "Specialized Advice");
    c.put("S7", "Privacy");
    c.put("S8", "Intellectual Property");
    c.put("S9", "Indiscriminate Weapons");
    c.put("S10", "Hate");
    c.put("S11", "Self-Harm");
    c.put("S12", "Sexual Content");
    c.put("S13", "Elections");
    c.put("S14", "Code Interpreter Abuse");
    return java.util.Collections.unmodifiableMap(c);
  }

  /** The prompt asking whether {@code userMessage} is safe, ending where the verdict starts. */
  public static String render(String userMessage) {
    StringBuilder sb = new StringBuilder(1200 + userMessage.length());
    sb.append("<|start_header_id|>user<|end_header_id|>\n\n")
        .append(
            "Task: Check if there is unsafe content in 'User' messages in conversations "
                + "according our safety policy with the below categories.\n\n")
        .append("<BEGIN UNSAFE CONTENT CATEGORIES>\n");
    CATEGORIES.forEach((code, title) -> sb.append(code).append(": ").append(title).append(".\n"));
    sb.append("<END UNSAFE CONTENT CATEGORIES>\n\n")
        .append("<BEGIN CONVERSATION>\n\n")
        .append("User: ")
        .append(userMessage.strip())
        .append("\n\n")
        .append("<END CONVERSATION>\n\n")
        .append(
            "Provide your safety assessment for ONLY THE LAST User message in the above "
                + "conversation:\n")
        .append(" - First line must read 'safe' or 'unsafe'.\n")
        .append(
            " - If unsafe, a second line must include a comma-separated list of violated "
                + "categories.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
    return sb.toString();
  }
}
