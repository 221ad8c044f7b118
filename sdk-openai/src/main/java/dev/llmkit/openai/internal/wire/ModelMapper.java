package dev.llmkit.openai.internal.wire;

import dev.llmkit.model.Model;
import dev.llmkit.model.ModelDeletion;
import java.util.ArrayList;
import java.util.List;

/** Maps {@code /models} DTOs. Pure static functions. */
public final class ModelMapper {
  private ModelMapper() {}

  public static Model model(ModelDto dto) {
    return Model.builder()
        .id(ResponseMapper.orEmpty(dto.id()))
        .created(dto.created() == null ? 0 : dto.created())
        .ownedBy(ResponseMapper.orEmpty(dto.ownedBy()))
        .object(dto.object() == null ? "model" : dto.object())
        .extra(dto.extra())
        .build();
  }

  public static List<Model> models(ModelDto.ListDto dto) {
    List<Model> out = new ArrayList<>(dto.data().size());
    for (ModelDto m : dto.data()) {
      out.add(model(m));
    }
    return List.copyOf(out);
  }

  public static ModelDeletion deletion(ModelDto.DeletedDto dto) {
    return ModelDeletion.builder()
        .id(ResponseMapper.orEmpty(dto.id()))
        .deleted(dto.deleted())
        .extra(WireJson.withObject(dto.extra(), dto.object()))
        .build();
  }
}
