package dev.llmkit.local.internal.service;

import dev.llmkit.LlmApiException;
import dev.llmkit.local.internal.Args;
import dev.llmkit.local.internal.moderation.GuardModel;
import dev.llmkit.local.internal.moderation.GuardVerdict;
import dev.llmkit.local.internal.moderation.HazardMapping;
import dev.llmkit.moderation.ModerationPart;
import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationResponse;
import dev.llmkit.moderation.ModerationResult;
import dev.llmkit.moderation.ModerationService;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ModerationService} through a local guard model: each text is classified by {@link
 * GuardModel} and mapped with {@link HazardMapping}. A list of parts is one input: its text parts
 * are joined by line breaks. Image parts are refused, as the guard model reads text only.
 *
 * <p>Inputs run one after another on the caller's thread. The request's {@code model} is not
 * checked; responses name the guard model. Each result's {@code extra} holds the verdict, the
 * unsafe probability and the hazard codes (see {@link HazardMapping}).
 */
public final class LocalModerationService implements ModerationService {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final GuardModel guard;

  public LocalModerationService(GuardModel guard) {
    this.guard = Args.notNull(guard, "guard");
  }

  @Override
  public ModerationResponse moderate(ModerationRequest request) {
    Args.notNull(request, "request");
    List<String> inputs = inputs(request);
    List<ModerationResult> results = new ArrayList<>(inputs.size());
    for (String text : inputs) {
      GuardModel.Output out = guard.classify(text);
      results.add(HazardMapping.result(GuardVerdict.parse(out.text()), out.unsafeProbability()));
    }
    return ModerationResponse.builder()
        .id("modr-" + Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong()))
        .model(guard.id())
        .results(results)
        .build();
  }

  private static List<String> inputs(ModerationRequest request) {
    if (request.inputKind() != ModerationRequest.InputKind.PARTS) {
      return request.texts();
    }
    StringBuilder joined = new StringBuilder();
    for (ModerationPart part : request.parts()) {
      if (!part.isText()) {
        throw LlmApiException.builder("local", 400)
            .errorType("invalid_request_error")
            .errorCode("unsupported_input_type")
            .param("input")
            .message(
                "the local guard model reads text only;"
                    + " image parts cannot be moderated locally (use the openai provider for images)")
            .build();
      }
      if (joined.length() > 0) {
        joined.append('\n');
      }
      joined.append(part.text().orElse(""));
    }
    return List.of(joined.toString());
  }

  @Override
  public String toString() {
    return "LocalModerationService{guard=" + guard.id() + "}";
  }
}
