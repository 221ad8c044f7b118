package dev.llmkit.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModerationRequestTest {

  @Test
  void modelDefaultsToOmniModerationLatest() {
    ModerationRequest request = ModerationRequest.of("hello");

    assertThat(request.model()).isEqualTo("omni-moderation-latest");
    assertThat(request.inputKind()).isEqualTo(ModerationRequest.InputKind.TEXT);
    assertThat(request.texts()).containsExactly("hello");
  }

  @Test
  void manyTextsAreKeptInOrder() {
    ModerationRequest request =
        ModerationRequest.builder()
            .model("text-moderation-stable")
            .inputs(List.of("a", "b"))
            .build();

    assertThat(request.inputKind()).isEqualTo(ModerationRequest.InputKind.TEXTS);
    assertThat(request.texts()).containsExactly("a", "b");
    assertThat(request.parts()).isEmpty();
  }

  @Test
  void textAndImagePartsMakeAMultimodalInput() {
    ModerationRequest request =
        ModerationRequest.builder()
            .addText("look")
            .addImageUrl("https://example.com/a.png")
            .build();

    assertThat(request.inputKind()).isEqualTo(ModerationRequest.InputKind.PARTS);
    assertThat(request.parts())
        .extracting(ModerationPart::type)
        .containsExactly("text", "image_url");
    assertThat(request.parts().get(1).imageUrl()).hasValue("https://example.com/a.png");
    assertThat(request.texts()).isEmpty();
  }

  @Test
  void emptyInputListIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> ModerationRequest.builder().inputs(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inputs is empty");
    assertThatThrownBy(() -> ModerationRequest.builder().parts(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parts is empty");
  }

  @Test
  void missingInputIsRejectedNamingTheSetters() {
    assertThatThrownBy(() -> ModerationRequest.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("input");
  }

  @Test
  void toStringNeverPrintsTheInput() {
    ModerationRequest request = ModerationRequest.of("my secret prompt");

    assertThat(request.toString()).doesNotContain("secret").contains("omni-moderation-latest");
    assertThat(ModerationPart.text("my secret").toString()).doesNotContain("secret");
  }

  @Test
  void toBuilderRoundTripsToAnEqualRequest() {
    ModerationRequest request =
        ModerationRequest.builder().inputs(List.of("x")).putExtraBody("k", 1).build();

    assertThat(request.toBuilder().build()).isEqualTo(request).hasSameHashCodeAs(request);
    assertThat(request.toBuilder().model("other").build()).isNotEqualTo(request);
  }
}
