package dev.llmkit.openai.internal.wire;

import dev.llmkit.moderation.ModerationPart;
import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationResponse;
import dev.llmkit.moderation.ModerationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Maps {@code /moderations} requests and responses. Pure static functions. */
public final class ModerationMapper {
  private ModerationMapper() {}

  public static ModerationDtos.RequestDto toDto(ModerationRequest r) {
    Object input =
        switch (r.inputKind()) {
          case TEXT -> r.texts().get(0);
          case TEXTS -> r.texts();
          case PARTS -> parts(r.parts());
        };
    // The default model is not sent: the server applies its own default, which is the same.
    String model = ModerationRequest.DEFAULT_MODEL.equals(r.model()) ? null : r.model();
    return new ModerationDtos.RequestDto(input, model, r.extraBody());
  }

  private static List<Map<String, Object>> parts(List<ModerationPart> parts) {
    List<Map<String, Object>> out = new ArrayList<>(parts.size());
    for (ModerationPart p : parts) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("type", p.type());
      if (p.isText()) {
        part.put("text", p.text().orElse(""));
      } else {
        part.put("image_url", Map.of("url", p.imageUrl().orElse("")));
      }
      out.add(part);
    }
    return out;
  }

  public static ModerationResponse fromDto(ModerationDtos.ResponseDto dto) {
    List<ModerationResult> results = new ArrayList<>(dto.results().size());
    for (ModerationDtos.ResultDto r : dto.results()) {
      results.add(
          ModerationResult.builder()
              .flagged(r.flagged())
              .categories(booleans(r.categories()))
              .categoryScores(doubles(r.categoryScores()))
              .categoryAppliedInputTypes(stringLists(r.categoryAppliedInputTypes()))
              .extra(r.extra())
              .build());
    }
    return ModerationResponse.builder()
        .id(CapabilityJson.orEmpty(dto.id()))
        .model(CapabilityJson.orEmpty(dto.model()))
        .results(results)
        .extra(dto.extra())
        .build();
  }

  /** Keeps boolean values; JSON nulls (categories a model does not rate) are left out. */
  static Map<String, Boolean> booleans(@Nullable Map<String, Object> values) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    if (values != null) {
      values.forEach(
          (k, v) -> {
            if (v instanceof Boolean b) {
              out.put(k, b);
            }
          });
    }
    return out;
  }

  static Map<String, Double> doubles(@Nullable Map<String, Object> values) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (values != null) {
      values.forEach(
          (k, v) -> {
            if (v instanceof Number n) {
              out.put(k, n.doubleValue());
            }
          });
    }
    return out;
  }

  static Map<String, List<String>> stringLists(@Nullable Map<String, Object> values) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (values != null) {
      values.forEach(
          (k, v) -> {
            if (v instanceof List<?> list) {
              List<String> strings = new ArrayList<>(list.size());
              list.forEach(
                  item -> {
                    if (item != null) {
                      strings.add(String.valueOf(item));
                    }
                  });
              out.put(k, strings);
            }
          });
    }
    return out;
  }
}
