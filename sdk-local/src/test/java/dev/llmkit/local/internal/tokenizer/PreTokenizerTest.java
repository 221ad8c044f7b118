package dev.llmkit.local.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected splits worked out from the Hugging Face pre-tokenizer regexes. */
class PreTokenizerTest {

  @Test
  void llama3GroupsDigitsByThreeAndKeepsContractionsApart() {
    assertThat(PreTokenizer.LLAMA3.split("Hello world! 123456 don't"))
        .containsExactly("Hello", " world", "!", " ", "123", "456", " don", "'t");
  }

  @Test
  void llama3KeepsNewlineRunsAndLeavesOneSpaceForTheNextWord() {
    assertThat(PreTokenizer.LLAMA3.split("a\n\n  b")).containsExactly("a", "\n\n", " ", " b");
  }

  @Test
  void llama3ContractionsAreCaseInsensitive() {
    assertThat(PreTokenizer.LLAMA3.split("I'LL GO")).containsExactly("I", "'LL", " GO");
  }

  @Test
  void qwen2SplitsEveryDigit() {
    assertThat(PreTokenizer.QWEN2.split("abc 2024"))
        .containsExactly("abc", " ", "2", "0", "2", "4");
  }

  @Test
  void starcoderSplitsDigitsBeforeTheGpt2Rules() {
    assertThat(PreTokenizer.STARCODER.split(" 333 x")).containsExactly(" ", "3", "3", "3", " x");
  }

  @Test
  void gpt2LeavesTheLastSpaceOfARunToTheNextWordAndLowercaseContractionsOnly() {
    assertThat(PreTokenizer.GPT2.split("Hello  world I'm"))
        .containsExactly("Hello", " ", " world", " I", "'m");
    assertThat(PreTokenizer.GPT2.split("I'M")).containsExactly("I", "'", "M");
  }

  @Test
  void unmatchedWhitespaceBecomesItsOwnWord() {
    assertThat(PreTokenizer.GPT2.split("\tb")).containsExactly("\t", "b");
  }

  @Test
  void unicodeWhitespaceCountsAsSpace() {
    assertThat(PreTokenizer.GPT2.split("a\u3000\u3000b"))
        .containsExactly("a", "\u3000", "\u3000", "b");
  }

  @Test
  void namesMapToTheLlamaCppFamilies() {
    assertThat(PreTokenizer.forName("llama-bpe")).isEqualTo(PreTokenizer.LLAMA3);
    assertThat(PreTokenizer.forName("qwen2")).isEqualTo(PreTokenizer.QWEN2);
    assertThat(PreTokenizer.forName("smollm")).isEqualTo(PreTokenizer.STARCODER);
    assertThat(PreTokenizer.forName("starcoder")).isEqualTo(PreTokenizer.STARCODER);
    assertThat(PreTokenizer.forName("gpt-2")).isEqualTo(PreTokenizer.GPT2);
    assertThat(PreTokenizer.forName("")).isEqualTo(PreTokenizer.GPT2);
    assertThat(PreTokenizer.ignoresMerges("llama-bpe")).isTrue();
    assertThat(PreTokenizer.ignoresMerges("qwen2")).isFalse();
  }
}
