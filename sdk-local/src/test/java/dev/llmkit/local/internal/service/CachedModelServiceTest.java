package dev.llmkit.local.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.testing.TinyModels;
import dev.llmkit.model.Model;
import dev.llmkit.model.ModelDeletion;
import dev.llmkit.model.ModelService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedModelServiceTest {
  @TempDir Path cache;

  /** Stands for the client's loaded-model listing. */
  private static ModelService loaded(String id) {
    Model m = Model.builder().id(id).ownedBy("local").extra(Map.of("loaded", true)).build();
    return new ModelService() {
      @Override
      public List<Model> list() {
        return List.of(m);
      }

      @Override
      public Model retrieve(String modelId) {
        return m;
      }

      @Override
      public ModelDeletion delete(String modelId) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private Path tiny(String relative, String arch, GgmlType type) throws IOException {
    Path file = cache.resolve(relative);
    Files.createDirectories(file.getParent());
    TinyModels.Spec spec = new TinyModels.Spec().architecture(arch);
    spec.dim = 32;
    spec.heads = 4;
    spec.kvHeads = 2;
    spec.headDim = 8;
    spec.ffn = 32;
    spec.context = 96;
    spec.matrixType = type;
    spec.ffnDownType = type;
    spec.outputType = type;
    TinyModels.write(file, spec);
    return file;
  }

  @Test
  void listsTheLoadedModelThenCachedGgufFilesWithTheirMetadata() throws IOException {
    Path q8 = tiny("acme/tiny-GGUF/tiny-Q8_0.gguf", "qwen2", GgmlType.Q8_0);
    Path inUse = tiny("acme/tiny-GGUF/tiny-F32.gguf", "llama", GgmlType.F32);
    Files.writeString(cache.resolve("acme/tiny-GGUF/tiny-Q8_0.gguf.lock"), "");
    Files.writeString(cache.resolve("broken.gguf"), "not gguf");
    CachedModelService models = new CachedModelService(loaded("tiny-F32"), cache, Set.of(inUse));

    List<Model> list = models.list();

    assertThat(list)
        .extracting(Model::id)
        .containsExactly("tiny-F32", "acme/tiny-GGUF/tiny-Q8_0", "broken");
    Model cached = models.retrieve("acme/tiny-GGUF/tiny-Q8_0");
    assertThat(cached.extra())
        .containsEntry("architecture", "qwen2")
        .containsEntry("quantization", "Q8_0")
        .containsEntry("context_length", 96)
        .containsEntry("size_bytes", Files.size(q8))
        .containsEntry("loaded", false);
    assertThat(models.retrieve("broken").extra())
        .containsEntry("architecture", "unknown")
        .containsKey("error");
  }

  @Test
  void deleteRemovesACachedFileButRefusesModelsInUse() throws IOException {
    Path other = tiny("acme/x/other.gguf", "llama", GgmlType.F32);
    Path inUse = tiny("acme/x/used.gguf", "llama", GgmlType.F32);
    CachedModelService models = new CachedModelService(loaded("used"), cache, Set.of(inUse));

    ModelDeletion deletion = models.delete("acme/x/other");

    assertThat(deletion.deleted()).isTrue();
    assertThat(other).doesNotExist();
    assertThatThrownBy(() -> models.delete("used"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cannot be deleted");
    assertThatThrownBy(() -> models.delete("acme/x/used"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("close the client");
    assertThat(inUse).exists();
    assertThatThrownBy(() -> models.delete("../../etc/passwd"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("neither loaded");
    assertThatThrownBy(() -> models.retrieve("acme/x/other"))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aMissingCacheDirectoryListsOnlyTheLoadedModel() {
    CachedModelService models =
        new CachedModelService(loaded("m"), cache.resolve("none"), Set.of());

    assertThat(models.list()).extracting(Model::id).containsExactly("m");
  }
}
