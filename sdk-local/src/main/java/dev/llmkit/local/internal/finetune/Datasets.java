package dev.llmkit.local.internal.finetune;

import dev.llmkit.local.internal.json.Json;
import dev.llmkit.local.internal.template.ChatFamily;
import dev.llmkit.local.internal.template.ChatTemplate;
import dev.llmkit.local.internal.template.Msg;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import dev.llmkit.local.internal.training.TrainingExample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a fine-tuning JSONL file into tokenized examples for one base model.
 *
 * <ul>
 *   <li>Chat lines ({@code {"messages": [...]}}) are rendered with the model's chat template, as
 *       {@code chat()} renders them: the prompt of each assistant message is the conversation
 *       before it plus the generation prompt, tokenized as a chat prompt; the assistant's turn
 *       (content and the template's end of turn) is what the loss learns. Assistant messages with
 *       {@code "weight": 0} are context only.
 *   <li>Prompt/completion lines are used as-is for a model without a chat template (the loss on the
 *       completion and an end-of-sequence token), and converted to a user and an assistant message
 *       for a model with one.
 * </ul>
 *
 * Examples longer than the context length are truncated, with a warning.
 */
final class Datasets {
  /** Line errors quoted in a failed job's message. */
  static final int QUOTED_ERRORS = 5;

  private final Tokenizer tokenizer;
  private final ChatTemplate template;
  private final int contextLength;
  private final boolean specialTokensInContent;

  Datasets(Tokenizer tokenizer, ChatTemplate template, int contextLength) {
    this(tokenizer, template, contextLength, false);
  }

  /**
   * @param specialTokensInContent whether special-token text in message content becomes control
   *     tokens; false (the default, as in chat) keeps it plain text, so training sees exactly the
   *     tokens chat() will send
   */
  Datasets(
      Tokenizer tokenizer,
      ChatTemplate template,
      int contextLength,
      boolean specialTokensInContent) {
    this.tokenizer = tokenizer;
    this.template = template;
    this.contextLength = contextLength;
    this.specialTokensInContent = specialTokensInContent;
  }

  /** Tokens of rendered chat text, tokenized as chat() tokenizes its prompts. */
  private int[] chatTokens(String rendered, boolean addSpecial) {
    return specialTokensInContent
        ? tokenizer.encode(rendered, addSpecial, true)
        : tokenizer.encodeQuoted(rendered, addSpecial);
  }

  /** The examples of a file, or its line errors. */
  record Result(
      List<TrainingExample> examples, List<String> warnings, List<String> errors, int errorCount) {}

  Result read(InputStream in, int maxExamples) throws IOException {
    List<TrainingExample> examples = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int errorCount = 0;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        TrainingExample e = example(line, number, warnings);
        if (examples.size() >= maxExamples) {
          throw new IllegalArgumentException(
              "more than " + maxExamples + " examples (raise" + " the max_examples setting)");
        }
        examples.add(e);
      } catch (IllegalArgumentException e) {
        errorCount++;
        if (errors.size() < QUOTED_ERRORS) {
          errors.add("line " + number + ": " + e.getMessage());
        }
      }
    }
    if (examples.isEmpty() && errorCount == 0) {
      errors.add("the file has no examples");
      errorCount = 1;
    }
    return new Result(examples, warnings, errors, errorCount);
  }

  private TrainingExample example(String line, int number, List<String> warnings) {
    Map<String, @Nullable Object> obj;
    try {
      obj = Json.parseObject(line);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a JSON object (" + e.getMessage() + ")");
    }
    Sequence seq = new Sequence();
    Object messages = obj.get("messages");
    if (messages != null) {
      chat(messages, seq);
    } else if (obj.get("prompt") instanceof String && obj.get("completion") instanceof String) {
      String prompt = (String) obj.get("prompt");
      String completion = (String) obj.get("completion");
      if (completion.isEmpty()) {
        throw new IllegalArgumentException("\"completion\" is empty; there is nothing to learn");
      }
      if (template.family() == ChatFamily.PLAIN) {
        completion(prompt, completion, seq);
      } else {
        List<Map<String, Object>> converted =
            List.of(
                Map.of("role", "user", "content", prompt),
                Map.of("role", "assistant", "content", completion));
        chat(converted, seq);
      }
    } else {
      throw new IllegalArgumentException(
          "expected {\"messages\": [...]} (chat format) or"
              + " {\"prompt\": \"...\", \"completion\": \"...\"}");
    }
    if (seq.size > contextLength) {
      warnings.add(
          "line "
              + number
              + ": the example has "
              + seq.size
              + " tokens; truncated to"
              + " the context length of "
              + contextLength);
      seq.size = contextLength;
    }
    TrainingExample e = seq.toExample();
    if (e.targetCount() == 0) {
      throw new IllegalArgumentException(
          "no assistant or completion tokens to learn from"
              + (seq.size == contextLength
                  ? " within the context length of " + contextLength
                  : ""));
    }
    return e;
  }

  /**
   * The prompt tokenized as {@code completions()} tokenizes it, then the completion's tokens as
   * they follow the prompt in the joint text (so a completion starting with a space gets no extra
   * space piece), then end-of-sequence.
   */
  private void completion(String prompt, String completion, Sequence seq) {
    int[] head = tokenizer.encode(prompt, true, false);
    int[] joint = tokenizer.encode(prompt + completion, true, false);
    boolean prefix =
        joint.length > head.length
            && java.util.Arrays.equals(joint, 0, head.length, head, 0, head.length);
    seq.add(head, false);
    seq.add(
        prefix
            ? java.util.Arrays.copyOfRange(joint, head.length, joint.length)
            : tokenizer.encode(completion, false, false),
        true);
    seq.addEos(tokenizer);
  }

  private void chat(Object messages, Sequence seq) {
    if (!(messages instanceof List) || ((List<?>) messages).isEmpty()) {
      throw new IllegalArgumentException("\"messages\" must be a non-empty array");
    }
    List<?> list = (List<?>) messages;
    List<Msg> msgs = new ArrayList<>();
    List<Boolean> learn = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map)) {
        throw new IllegalArgumentException("messages[" + i + "] must be an object");
      }
      Map<?, ?> m = (Map<?, ?>) list.get(i);
      Object role = m.get("role");
      Object content = m.get("content");
      if (!(role instanceof String)
          || !List.of("system", "developer", "user", "assistant").contains(role)) {
        throw new IllegalArgumentException(
            "messages[" + i + "].role must be system, developer," + " user or assistant");
      }
      if (!(content instanceof String)) {
        throw new IllegalArgumentException("messages[" + i + "].content must be a string");
      }
      Object weight = m.get("weight");
      if (weight != null
          && !(weight instanceof Number
              && (((Number) weight).doubleValue() == 0 || ((Number) weight).doubleValue() == 1))) {
        throw new IllegalArgumentException("messages[" + i + "].weight must be 0 or 1");
      }
      String r = role.equals("developer") ? "system" : (String) role;
      String text = specialTokensInContent ? (String) content : tokenizer.quote((String) content);
      msgs.add(new Msg(r, text, List.of(), null, null));
      learn.add(r.equals("assistant") && (weight == null || ((Number) weight).intValue() == 1));
    }
    String done = "";
    boolean first = true;
    for (int i = 0; i < msgs.size(); i++) {
      if (!msgs.get(i).role().equals("assistant")) {
        continue;
      }
      String prompt = render(msgs.subList(0, i), true);
      String through = render(msgs.subList(0, i + 1), false);
      if (!prompt.startsWith(done) || !through.startsWith(prompt)) {
        throw new IllegalArgumentException(
            "the model's chat template ("
                + template.family()
                + ") does not render this conversation turn by turn");
      }
      // The prompt's tokens are what chat() sends for this turn; the reply's are its tokens
      // after that prompt in the whole turn. Where a tokenizer merges across those boundaries,
      // the pieces are tokenized separately.
      int[] promptTokens = chatTokens(prompt, true);
      int[] turnTokens = chatTokens(through, true);
      if (startsWith(promptTokens, seq.tokens, seq.size)
          && startsWith(turnTokens, promptTokens, promptTokens.length)
          && turnTokens.length > promptTokens.length) {
        seq.add(java.util.Arrays.copyOfRange(promptTokens, seq.size, promptTokens.length), false);
        seq.add(
            java.util.Arrays.copyOfRange(turnTokens, promptTokens.length, turnTokens.length),
            learn.get(i));
      } else {
        seq.add(chatTokens(prompt.substring(done.length()), first), false);
        seq.add(chatTokens(through.substring(prompt.length()), false), learn.get(i));
      }
      if (template.family() == ChatFamily.PLAIN) {
        seq.addEos(tokenizer);
      }
      first = false;
      done = through;
    }
    if (first) {
      throw new IllegalArgumentException("no assistant message");
    }
  }

  /** Whether {@code tokens} starts with {@code prefix[0..n)}. */
  private static boolean startsWith(int[] tokens, int[] prefix, int n) {
    return tokens.length >= n && java.util.Arrays.equals(tokens, 0, n, prefix, 0, n);
  }

  private String render(List<Msg> msgs, boolean generationPrompt) {
    try {
      return template.render(msgs, generationPrompt);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the model's chat template ("
              + template.family()
              + ") cannot render these messages: "
              + e.getMessage());
    }
  }

  /** Tokens and their loss weights, growing. */
  private static final class Sequence {
    int[] tokens = new int[64];
    boolean[] weights = new boolean[64];
    int size;

    void add(int[] more, boolean learn) {
      while (size + more.length > tokens.length) {
        tokens = java.util.Arrays.copyOf(tokens, tokens.length * 2);
        weights = java.util.Arrays.copyOf(weights, weights.length * 2);
      }
      for (int t : more) {
        tokens[size] = t;
        weights[size++] = learn;
      }
    }

    void addEos(Tokenizer tokenizer) {
      int eos = tokenizer.vocabulary().eosId();
      if (eos >= 0) {
        boolean learn = size > 0 && weights[size - 1];
        add(new int[] {eos}, learn);
      }
    }

    TrainingExample toExample() {
      return new TrainingExample(
          java.util.Arrays.copyOf(tokens, size), java.util.Arrays.copyOf(weights, size));
    }
  }
}
