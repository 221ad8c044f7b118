package dev.llmkit.local.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
  @Test
  void plainTextIsAFilePath() {
    ModelSpec spec = ModelSpec.parse("models/tiny.gguf");

    assertThat(spec.isRemote()).isFalse();
    assertThat(spec.localPath()).isEqualTo(Path.of("models/tiny.gguf"));
    assertThat(spec.fileName()).isEqualTo("tiny.gguf");
  }

  @Test
  void hfSpecNamesOwnerRepoAndFile() {
    ModelSpec spec = ModelSpec.parse("hf:bartowski/SmolLM2-135M-Instruct-GGUF/sub/m-Q8_0.gguf");

    assertThat(spec.isRemote()).isTrue();
    assertThat(spec.owner()).isEqualTo("bartowski");
    assertThat(spec.repo()).isEqualTo("SmolLM2-135M-Instruct-GGUF");
    assertThat(spec.file()).isEqualTo("sub/m-Q8_0.gguf");
    assertThat(spec.fileName()).isEqualTo("m-Q8_0.gguf");
    assertThat(spec.sha256()).isNull();
  }

  @Test
  void sha256SuffixIsParsedInLowerCase() {
    String hex = "AB".repeat(32);

    ModelSpec spec = ModelSpec.parse("hf:o/r/f.gguf#sha256=" + hex);

    assertThat(spec.sha256()).isEqualTo("ab".repeat(32));
    assertThat(spec.file()).isEqualTo("f.gguf");
  }

  @Test
  void malformedHfSpecsAreRejectedWithTheExpectedShape() {
    assertThatThrownBy(() -> ModelSpec.parse("hf:owner/file.gguf"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hf:<owner>/<repo>/<file>.gguf");
    assertThatThrownBy(() -> ModelSpec.parse("hf:o/r/../../etc/passwd.gguf"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'..'");
    assertThatThrownBy(() -> ModelSpec.parse("hf:o/r/f.bin")).hasMessageContaining(".gguf");
    assertThatThrownBy(() -> ModelSpec.parse("hf:o/r/f.gguf#md5=00"))
        .hasMessageContaining("#sha256=");
    assertThatThrownBy(() -> ModelSpec.parse(" ")).hasMessageContaining("model is blank");
  }
}
