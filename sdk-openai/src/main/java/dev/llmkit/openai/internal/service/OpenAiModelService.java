package dev.llmkit.openai.internal.service;

import dev.llmkit.model.Model;
import dev.llmkit.model.ModelDeletion;
import dev.llmkit.model.ModelService;
import dev.llmkit.openai.internal.http.OpenAiTransport;
import dev.llmkit.openai.internal.wire.ModelMapper;
import java.util.List;
import java.util.Objects;

/** {@code GET /models}, {@code GET /models/{id}} and {@code DELETE /models/{id}}. */
public final class OpenAiModelService implements ModelService {
  private final OpenAiTransport transport;

  public OpenAiModelService(OpenAiTransport transport) {
    this.transport = transport;
  }

  @Override
  public List<Model> list() {
    return transport.map(transport.execute(transport.api().listModels()), ModelMapper::models);
  }

  @Override
  public Model retrieve(String modelId) {
    return transport.map(
        transport.execute(transport.api().retrieveModel(check(modelId))), ModelMapper::model);
  }

  @Override
  public ModelDeletion delete(String modelId) {
    return transport.map(
        transport.execute(transport.api().deleteModel(check(modelId))), ModelMapper::deletion);
  }

  private static String check(String modelId) {
    Objects.requireNonNull(modelId, "modelId == null");
    if (modelId.isBlank()) {
      throw new IllegalArgumentException(
          "modelId is blank; a model id such as gpt-4o-mini is required");
    }
    return modelId;
  }
}
