package dev.llmkit.training.internal;

import static dev.llmkit.training.ValidationIssue.EMPTY_CONTENT;
import static dev.llmkit.training.ValidationIssue.INVALID_PREFERENCE;
import static dev.llmkit.training.ValidationIssue.MISSING_KEY;
import static dev.llmkit.training.ValidationIssue.NO_ASSISTANT_MESSAGE;
import static dev.llmkit.training.ValidationIssue.UNKNOWN_KEY;
import static dev.llmkit.training.ValidationIssue.WRONG_TYPE;

import dev.llmkit.training.TrainingFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Detects the format of one example and checks it; returns its message and token counts. */
final class ExampleChecker {
  private static final Set<String> CHAT_KEYS =
      Set.of("messages", "tools", "functions", "parallel_tool_calls");
  private static final Set<String> PROMPT_KEYS = Set.of("prompt", "completion");
  private static final Set<String> PREFERENCE_KEYS =
      Set.of("input", "preferred_output", "non_preferred_output");
  private static final Set<String> INPUT_KEYS = Set.of("messages", "tools", "parallel_tool_calls");

  private final TokenEstimator tokens;
  private final MessageChecks messages;

  ExampleChecker(TokenEstimator tokens) {
    this.tokens = tokens;
    this.messages = new MessageChecks(tokens);
  }

  /** The counts of one example. */
  record Counts(int messages, long tokens) {}

  /** The format the keys of {@code example} suggest, or null if none. */
  static @Nullable TrainingFormat detect(Map<String, Object> example) {
    if (example.containsKey("messages")) {
      return TrainingFormat.CHAT;
    }
    for (String key : PREFERENCE_KEYS) {
      if (example.containsKey(key)) {
        return TrainingFormat.PREFERENCE;
      }
    }
    if (example.containsKey("prompt") || example.containsKey("completion")) {
      return TrainingFormat.PROMPT_COMPLETION;
    }
    return null;
  }

  Counts check(TrainingFormat format, Map<String, Object> example, IssueSink sink) {
    return switch (format) {
      case CHAT -> chat(example, sink);
      case PROMPT_COMPLETION -> promptCompletion(example, sink);
      case PREFERENCE -> preference(example, sink);
    };
  }

  private Counts chat(Map<String, Object> example, IssueSink sink) {
    unknownKeys(example, CHAT_KEYS, "", sink);
    MessageChecks.Tally tally = new MessageChecks.Tally();
    if (messages.checkMessages(example.get("messages"), "messages", true, tally, sink)
        && tally.assistants == 0) {
      sink.error(NO_ASSISTANT_MESSAGE, "messages has no assistant message to learn from");
    }
    long toolTokens = toolsAndFunctions(example, "", sink);
    return new Counts(
        tally.messages, tally.tokens + toolTokens + TokenEstimator.TOKENS_PER_EXAMPLE);
  }

  private long toolsAndFunctions(Map<String, Object> container, String prefix, IssueSink sink) {
    long total = 0;
    if (container.containsKey("tools")) {
      total += messages.checkTools(container.get("tools"), prefix + "tools", sink);
    }
    if (container.containsKey("functions")) {
      total += messages.checkFunctions(container.get("functions"), prefix + "functions", sink);
    }
    if (container.containsKey("parallel_tool_calls")
        && !(container.get("parallel_tool_calls") instanceof Boolean)) {
      sink.error(WRONG_TYPE, prefix + "parallel_tool_calls must be a boolean");
    }
    return total;
  }

  private Counts promptCompletion(Map<String, Object> example, IssueSink sink) {
    unknownKeys(example, PROMPT_KEYS, "", sink);
    long total = 0;
    Object prompt = example.get("prompt");
    if (!example.containsKey("prompt")) {
      sink.error(MISSING_KEY, "the example has no prompt");
    } else if (!(prompt instanceof String p)) {
      sink.error(WRONG_TYPE, "prompt must be a string, not " + Json.typeOf(prompt));
    } else {
      total += tokens.count(p);
    }
    Object completion = example.get("completion");
    if (!example.containsKey("completion")) {
      sink.error(MISSING_KEY, "the example has no completion");
    } else if (!(completion instanceof String c)) {
      sink.error(WRONG_TYPE, "completion must be a string, not " + Json.typeOf(completion));
    } else {
      if (c.isBlank()) {
        sink.error(EMPTY_CONTENT, "completion is empty");
      }
      total += tokens.count(c);
    }
    return new Counts(0, total);
  }

  private Counts preference(Map<String, Object> example, IssueSink sink) {
    unknownKeys(example, PREFERENCE_KEYS, "", sink);
    MessageChecks.Tally tally = new MessageChecks.Tally();
    long toolTokens = 0;
    Object input = example.get("input");
    if (!example.containsKey("input")) {
      sink.error(MISSING_KEY, "the example has no input");
    } else if (!(input instanceof Map<?, ?> raw)) {
      sink.error(WRONG_TYPE, "input must be an object with messages, not " + Json.typeOf(input));
    } else {
      Map<String, Object> in = Json.object(raw);
      unknownKeys(in, INPUT_KEYS, "input.", sink);
      if (!in.containsKey("messages")) {
        sink.error(MISSING_KEY, "input has no messages");
      } else {
        messages.checkMessages(in.get("messages"), "input.messages", false, tally, sink);
      }
      toolTokens = toolsAndFunctions(in, "input.", sink);
    }
    long inputTokens = tally.tokens;
    long preferred = output(example, "preferred_output", tally, sink);
    long nonPreferred = output(example, "non_preferred_output", tally, sink);
    long total =
        inputTokens
            + toolTokens
            + preferred
            + nonPreferred
            + 2L * TokenEstimator.TOKENS_PER_EXAMPLE;
    return new Counts(tally.messages, total);
  }

  /** Checks one output list: exactly one assistant message. Returns its tokens. */
  private long output(
      Map<String, Object> example, String key, MessageChecks.Tally tally, IssueSink sink) {
    if (!example.containsKey(key)) {
      sink.error(MISSING_KEY, "the example has no " + key);
      return 0;
    }
    MessageChecks.Tally own = new MessageChecks.Tally();
    Object value = example.get(key);
    if (messages.checkMessages(value, key, false, own, sink)) {
      List<?> list = (List<?>) value;
      if (list.size() != 1 || own.assistants != 1) {
        sink.error(
            INVALID_PREFERENCE,
            key
                + " must hold exactly one assistant message; it holds "
                + list.size()
                + " message(s), "
                + own.assistants
                + " from the assistant");
      }
    }
    tally.messages += own.messages;
    return own.tokens;
  }

  private static void unknownKeys(
      Map<String, Object> object, Set<String> known, String prefix, IssueSink sink) {
    for (String key : object.keySet()) {
      if (!known.contains(key)) {
        sink.warning(
            UNKNOWN_KEY,
            (prefix.isEmpty() ? "the example" : prefix.substring(0, prefix.length() - 1))
                + " has the unknown key '"
                + Json.abbreviate(key)
                + "'");
      }
    }
  }
}
