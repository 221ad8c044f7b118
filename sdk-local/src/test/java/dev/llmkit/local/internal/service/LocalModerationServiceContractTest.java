package dev.llmkit.local.internal.service;

import dev.llmkit.contract.ModerationServiceContract;
import dev.llmkit.local.internal.moderation.GuardModel;
import dev.llmkit.local.testing.SharedModels;
import dev.llmkit.moderation.ModerationPart;
import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationService;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The moderation contract kit on the local provider, with stories260K standing in for the guard
 * model: its verdicts mean nothing, but the plumbing (prompt, greedy verdict, scores, errors) is
 * the one a Llama Guard 3 file goes through. stories260K's metadata says 128 positions, fewer than
 * the guard prompt needs, so it runs with a 1024-position context as the model allows.
 */
class LocalModerationServiceContractTest extends ModerationServiceContract {
  private static GuardModel guard;

  @BeforeAll
  static void load() {
    guard = GuardModel.load(SharedModels.resolve("stories260K/stories260K-Q8_0.gguf"), 1, 1024);
  }

  @AfterAll
  static void close() {
    if (guard != null) {
      guard.close();
    }
  }

  @Override
  protected ModerationService moderationService() {
    return new LocalModerationService(guard);
  }

  @Override
  protected ModerationRequest validRequest() {
    return ModerationRequest.builder().inputs(List.of("Once upon a time", "The cat sat")).build();
  }

  /** The guard model reads text only. */
  @Override
  protected ModerationRequest invalidRequest() {
    return ModerationRequest.builder()
        .parts(
            List.of(
                ModerationPart.text("look"),
                ModerationPart.imageUrl("https://example.com/cat.png")))
        .build();
  }
}
