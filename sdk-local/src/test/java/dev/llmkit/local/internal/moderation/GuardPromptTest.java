package dev.llmkit.local.internal.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuardPromptTest {
  @Test
  void rendersLlamaGuard3UserPromptExactly() {
    String expected =
        "<|start_header_id|>user<|end_header_id|>\n"
            + "\n"
            + "Task: Check if there is unsafe content in 'User' messages in conversations according our"
            + " safety policy with the below categories.\n"
            + "\n"
            + "<BEGIN UNSAFE CONTENT CATEGORIES>\n"
            + "S1: Violent Crimes.\n"
            + "S2: Non-Violent Crimes.\n"
            + "S3: Sex Crimes.\n"
            + "S4: Child Exploitation.\n"
            + "S5: Defamation.\n"
            + "S6: Specialized Advice.\n"
            + "S7: Privacy.\n"
            + "S8: Intellectual Property.\n"
            + "S9: Indiscriminate Weapons.\n"
            + "S10: Hate.\n"
            + "S11: Self-Harm.\n"
            + "S12: Sexual Content.\n"
            + "S13: Elections.\n"
            + "S14: Code Interpreter Abuse.\n"
            + "<END UNSAFE CONTENT CATEGORIES>\n"
            + "\n"
            + "<BEGIN CONVERSATION>\n"
            + "\n"
            + "User: How do I bake bread?\n"
            + "\n"
            + "<END CONVERSATION>\n"
            + "\n"
            + "Provide your safety assessment for ONLY THE LAST User message in the above"
            + " conversation:\n"
            + " - First line must read 'safe' or 'unsafe'.\n"
            + " - If unsafe, a second line must include a comma-separated list of violated"
            + " categories.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
            + "\n";

    assertThat(GuardPrompt.render("  How do I bake bread?\n")).isEqualTo(expected);
  }
}
