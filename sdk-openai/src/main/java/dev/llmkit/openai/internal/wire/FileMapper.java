package dev.llmkit.openai.internal.wire;

import dev.llmkit.common.Page;
import dev.llmkit.file.FileDeletion;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileStatus;
import dev.llmkit.file.StoredFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps {@code /files} DTOs. Pure static functions. */
public final class FileMapper {
  private FileMapper() {}

  public static StoredFile file(FileDtos.FileDto dto) {
    return StoredFile.builder()
        .id(dto.id())
        .object(dto.object() == null ? "file" : dto.object())
        .bytes(Math.max(0, dto.bytes()))
        .createdAt(Instant.ofEpochSecond(dto.createdAt()))
        .expiresAt(dto.expiresAt() == null ? null : Instant.ofEpochSecond(dto.expiresAt()))
        .filename(CapabilityJson.orEmpty(dto.filename()))
        .purpose(FilePurpose.of(CapabilityJson.orEmpty(dto.purpose())))
        .status(dto.status() == null ? null : FileStatus.of(dto.status()))
        .statusDetails(dto.statusDetails())
        .extra(dto.extra())
        .build();
  }

  public static Page<StoredFile> page(FileDtos.ListDto dto) {
    List<StoredFile> files = new ArrayList<>(dto.data().size());
    dto.data().forEach(f -> files.add(file(f)));
    return Page.<StoredFile>builder()
        .data(files)
        .hasMore(dto.hasMore())
        .firstId(dto.firstId())
        .lastId(CapabilityJson.lastId(dto.lastId(), files, StoredFile::id))
        .extra(WireJson.withObject(dto.extra(), dto.object()))
        .build();
  }

  public static FileDeletion deletion(FileDtos.DeletedDto dto) {
    return FileDeletion.of(dto.id(), dto.deleted(), WireJson.withObject(dto.extra(), dto.object()));
  }
}
