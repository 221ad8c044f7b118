package dev.llmkit.local.internal.service;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.local.internal.engine.Step;
import dev.llmkit.local.internal.template.ChatTemplate;
import dev.llmkit.local.internal.template.ReasoningSplitter;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Splits the streamed text of a reasoning model's choices ({@link ChatTemplate#thinking()}) into
 * content and reasoning; the reasoning goes into the delta's {@value #FIELD} field, as DeepSeek's
 * API and llama.cpp's server send it. For other templates the text passes through as content.
 */
final class Reasonings {
  /** The delta and message field that carries reasoning. */
  static final String FIELD = "reasoning_content";

  /** Passes all text through as content. */
  static final Reasonings NONE = new Reasonings(false, false);

  /**
   * One chunk's text for one step: content (null when only reasoning arrived) and reasoning; {@code
   * skip} when the step adds nothing to send (a thinking tag is still incomplete).
   */
  record Piece(
      Step step, boolean first, @Nullable String content, String reasoning, boolean skip) {}

  private final boolean thinking;
  private final boolean insideThink;
  private final Map<Integer, ReasoningSplitter> splitters = new HashMap<>();

  private Reasonings(boolean thinking, boolean insideThink) {
    this.thinking = thinking;
    this.insideThink = insideThink;
  }

  static Reasonings of(ChatTemplate template, ChatRequest request) {
    if (!template.thinking()) {
      return new Reasonings(false, false);
    }
    return new Reasonings(
        true, ReasoningSplitter.opensThink(ChatPrompts.render(template, request)));
  }

  /** The chunk piece for a step (mapped one to one, so the stream stays pull-driven). */
  Piece split(Step s, String text, boolean first, boolean wantLogprobs) {
    if (!thinking) {
      return new Piece(s, first, text, "", false);
    }
    ReasoningSplitter splitter =
        splitters.computeIfAbsent(s.choice(), i -> new ReasoningSplitter(insideThink));
    ReasoningSplitter.Part part = splitter.push(text);
    if (s.isLast()) {
      ReasoningSplitter.Part rest = splitter.finish();
      part =
          new ReasoningSplitter.Part(
              part.reasoning() + rest.reasoning(), part.content() + rest.content());
      splitters.remove(s.choice());
    }
    boolean skip = part.isEmpty() && !first && !s.isLast() && !(wantLogprobs && s.token() != null);
    String content =
        part.content().isEmpty() && !part.reasoning().isEmpty() ? null : part.content();
    return new Piece(s, first, content, part.reasoning(), skip);
  }
}
