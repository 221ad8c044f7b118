package dev.llmkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTypesTest {
  @Test
  void modelKeepsFieldsAndUnknownOnes() {
    Model model =
        Model.builder()
            .id("gpt-4o-mini")
            .created(1_721_172_741L)
            .ownedBy("system")
            .extra(Map.of("shutdown_date", "2027-01-01"))
            .build();

    assertThat(model.object()).isEqualTo("model");
    assertThat(model.extra()).containsEntry("shutdown_date", "2027-01-01");
    assertThat(model.toBuilder().build()).isEqualTo(model);
  }

  @Test
  void requiredFieldsAreNamed() {
    assertThatThrownBy(() -> Model.builder().ownedBy("me").build()).hasMessage("id == null");
    assertThat(ModelDeletion.builder().id("ft:x").deleted(true).build().deleted()).isTrue();
  }
}
