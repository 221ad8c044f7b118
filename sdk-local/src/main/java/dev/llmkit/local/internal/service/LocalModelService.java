package dev.llmkit.local.internal.service;

import dev.llmkit.Capability;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.UnsupportedCapabilityException;
import dev.llmkit.local.internal.Args;
import dev.llmkit.local.internal.engine.Generator;
import dev.llmkit.local.internal.engine.ModelInfo;
import dev.llmkit.model.Model;
import dev.llmkit.model.ModelDeletion;
import dev.llmkit.model.ModelService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the one model a local client serves. Its id is the file name without {@code .gguf}; {@code
 * extra()} holds {@code architecture}, {@code quantization}, {@code context_length} (the trained
 * one), {@code context_size} (per request, as configured) and {@code path}.
 *
 * <p>{@link #delete} is not offered: the file may be shared with other processes and is in use.
 * Delete it from the cache directory yourself after closing the client.
 */
public final class LocalModelService implements ModelService {
  private final Model model;

  public LocalModelService(Generator generator) {
    ModelInfo info = generator.info();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("architecture", info.architecture());
    extra.put("quantization", info.quantization());
    extra.put("context_length", info.trainedContextLength());
    extra.put("context_size", info.contextSize());
    extra.put("path", info.file().toAbsolutePath().toString());
    this.model =
        Model.builder()
            .id(info.id())
            .created(info.createdEpochSeconds())
            .ownedBy("local")
            .object("model")
            .extra(extra)
            .build();
  }

  @Override
  public List<Model> list() {
    return List.of(model);
  }

  @Override
  public Model retrieve(String modelId) {
    Args.notBlank(modelId, "modelId");
    if (!model.id().equals(modelId)) {
      throw InvalidRequestException.notFound(
          Generator.PROVIDER,
          "model_not_found",
          "model",
          "model '" + modelId + "' is not loaded; this client serves '" + model.id() + "'");
    }
    return model;
  }

  @Override
  public ModelDeletion delete(String modelId) {
    Args.notBlank(modelId, "modelId");
    throw new UnsupportedCapabilityException(
        Generator.PROVIDER,
        Capability.MODELS,
        "the local provider does not delete models; close the client and delete "
            + model.extra().get("path")
            + " yourself");
  }
}
