package dev.llmkit.local.internal.service;

import dev.llmkit.local.internal.finetune.FineTunedModels;
import dev.llmkit.model.Model;
import dev.llmkit.model.ModelDeletion;
import dev.llmkit.model.ModelService;
import java.util.ArrayList;
import java.util.List;

/**
 * The model list of a local client plus its fine-tuned models (each with its base model in {@code
 * extra}); deleting a fine-tuned model removes its adapter files.
 */
final class FineTunedModelService implements ModelService {
  private final ModelService base;
  private final FineTunedModels tuned;

  FineTunedModelService(ModelService base, FineTunedModels tuned) {
    this.base = base;
    this.tuned = tuned;
  }

  @Override
  public List<Model> list() {
    List<Model> all = new ArrayList<>(base.list());
    all.addAll(tuned.list());
    return all;
  }

  @Override
  public Model retrieve(String modelId) {
    if (FineTunedModels.isFineTuned(modelId)) {
      for (Model m : tuned.list()) {
        if (m.id().equals(modelId)) {
          return m;
        }
      }
      tuned.adapter(modelId); // a checkpoint, or a 404 naming what is wrong
      return Model.builder().id(modelId).created(0).ownedBy("user").object("model").build();
    }
    return base.retrieve(modelId);
  }

  @Override
  public ModelDeletion delete(String modelId) {
    return FineTunedModels.isFineTuned(modelId) ? tuned.delete(modelId) : base.delete(modelId);
  }
}
