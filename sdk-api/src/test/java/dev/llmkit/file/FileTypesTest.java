package dev.llmkit.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileTypesTest {

  @Test
  void knownPurposesMapToTheirConstants() {
    assertThat(FilePurpose.of("fine-tune")).isSameAs(FilePurpose.FINE_TUNE);
    assertThat(FilePurpose.of("user_data")).isSameAs(FilePurpose.USER_DATA);
    assertThat(FilePurpose.FINE_TUNE_RESULTS.isKnown()).isTrue();
  }

  @Test
  void unknownPurposeAndStatusAreKept() {
    FilePurpose purpose = FilePurpose.of("realtime_audio");
    FileStatus status = FileStatus.of("quarantined");

    assertThat(purpose.value()).isEqualTo("realtime_audio");
    assertThat(purpose.isKnown()).isFalse();
    assertThat(status.value()).isEqualTo("quarantined");
    assertThat(status.isKnown()).isFalse();
  }

  @Test
  void listLimitOutsideTheAllowedRangeIsRejected() {
    assertThatThrownBy(() -> FileListRequest.builder().limit(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit is 0; allowed range is 1 to 10000");
    assertThatThrownBy(() -> FileListRequest.builder().limit(10_001).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(FileListRequest.builder().limit(10_000).build().limit()).isEqualTo(10_000);
  }

  @Test
  void storedFileKeepsUnknownFieldsAndOptionalDates() {
    StoredFile file =
        StoredFile.builder()
            .id("file-1")
            .bytes(10)
            .createdAt(Instant.ofEpochSecond(5))
            .filename("a.jsonl")
            .purpose(FilePurpose.FINE_TUNE)
            .extra(Map.of("future_field", 1))
            .build();

    assertThat(file.expiresAt()).isEmpty();
    assertThat(file.status()).isEmpty();
    assertThat(file.object()).isEqualTo("file");
    assertThat(file.extra()).containsEntry("future_field", 1);
    assertThat(file.toBuilder().build()).isEqualTo(file).hasSameHashCodeAs(file);
  }
}
