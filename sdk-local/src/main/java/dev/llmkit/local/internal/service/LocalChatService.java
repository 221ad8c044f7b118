package dev.llmkit.local.internal.service;

import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatChunks;
import dev.llmkit.chat.ChatDelta;
import dev.llmkit.chat.ChatLogprobs;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ChatService;
import dev.llmkit.chat.ChunkChoice;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.Role;
import dev.llmkit.common.Usage;
import dev.llmkit.local.internal.Args;
import dev.llmkit.local.internal.engine.ConstraintSpec;
import dev.llmkit.local.internal.engine.GenerationSpec;
import dev.llmkit.local.internal.engine.Generator;
import dev.llmkit.local.internal.engine.Step;
import dev.llmkit.local.internal.grammar.ToolGrammar;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Chat on the loaded model. The prompt is the conversation rendered with the model's chat template
 * (from GGUF metadata) and tokenized with control tokens parsed in the template's markup but not in
 * message content (unless the client allows it); generation ends at the model's end-of-turn tokens,
 * the template's stop strings and the request's stop strings.
 *
 * <p>Streams follow OpenAI's shape: one chunk per generated token that adds text (or carries
 * log-probabilities); each choice's first chunk has role "assistant", its last the finish reason;
 * choices come one after another; with {@code streamIncludeUsage} a final chunk without choices
 * carries usage. {@link #chat} is the aggregate of that stream. With tools (a template that has a
 * tool-call format), content and tool calls stream in OpenAI's delta shape as they are generated
 * (finish reason "tool_calls"); see {@link ToolChunks}. Output is constrained as {@link
 * ChatConstraints} decides. The {@code model} field of requests is not checked: responses name the
 * loaded model.
 */
public final class LocalChatService implements ChatService {
  /** The most choices per request, as in OpenAI's API. */
  static final int MAX_CHOICES = 128;

  private final Generator generator;
  private final RequestMapper mapper;
  private final LogprobMapper logprobs;
  private final AdapterLookup adapters;
  private final boolean specialTokensInContent;

  public LocalChatService(Generator generator, SamplingDefaults defaults) {
    this(generator, defaults, AdapterLookup.NONE, false);
  }

  /**
   * Chat whose requests naming a fine-tuned model run with that model's adapter.
   *
   * @param specialTokensInContent parse special-token text in message content as control tokens (by
   *     default it stays plain text, so content cannot forge turns)
   */
  public LocalChatService(
      Generator generator,
      SamplingDefaults defaults,
      AdapterLookup adapters,
      boolean specialTokensInContent) {
    this.generator = generator;
    this.specialTokensInContent = specialTokensInContent;
    this.adapters = adapters;
    this.mapper =
        new RequestMapper(
            defaults, generator.tokenizer().vocabulary().size(), generator.contextSize());
    this.logprobs = new LogprobMapper(generator.tokenizer());
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    Args.notNull(request, "request");
    return ChatChunks.aggregate(chunks(request, true)).blockingGet();
  }

  @Override
  public Flowable<ChatChunk> stream(ChatRequest request) {
    Args.notNull(request, "request");
    return chunks(request, Boolean.TRUE.equals(request.streamIncludeUsage()));
  }

  @Override
  public Single<ChatResponse> chatAsync(ChatRequest request) {
    Args.notNull(request, "request");
    return ChatChunks.aggregate(chunks(request, true));
  }

  private GenerationSpec spec(ChatRequest r) {
    int n = r.n() != null ? r.n() : 1;
    if (n > MAX_CHOICES) { // choices run one after another: a huge n would never finish
      throw RequestMapper.invalid("n", "n is " + n + "; allowed range is 1 to " + MAX_CHOICES);
    }
    ConstraintSpec constraint =
        ChatConstraints.of(generator.template(), generator.constraints(), r);
    boolean json = constraint != null && constraint.trigger() == null;
    Tokenizer tokenizer = generator.tokenizer();
    int[] tokens =
        specialTokensInContent
            ? tokenizer.encode(ChatPrompts.render(generator.template(), r), true, true)
            : tokenizer.encodeQuoted(
                ChatPrompts.render(generator.template(), r, tokenizer::quote), true);
    boolean wantLogprobs = Boolean.TRUE.equals(r.logprobs());
    int top = wantLogprobs ? (r.topLogprobs() != null ? r.topLogprobs() : 0) : -1;
    RequestMapper.Options options =
        new RequestMapper.Options(
            r.temperature(),
            r.topP(),
            r.presencePenalty(),
            r.frequencyPenalty(),
            r.logitBias(),
            r.seed(),
            top,
            r.extraBody());
    List<String> stops = new ArrayList<>(r.stop());
    if (!json) { // while constrained, stop strings are not matched (they could cut a JSON string)
      stops.addAll(generator.template().stopStrings());
    }
    Integer limit = r.maxCompletionTokens() != null ? r.maxCompletionTokens() : r.maxTokens();
    if (json && limit != null && limit < Generator.JSON_MIN_TOKENS) {
      String param = r.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
      throw RequestMapper.invalid(
          param,
          param
              + " is "
              + limit
              + "; constrained output (JSON"
              + " response_format or a forced tool call) needs at least "
              + Generator.JSON_MIN_TOKENS
              + " tokens, one to open the object and one to close it");
    }
    return new GenerationSpec(
            tokens,
            mapper.sampling(options),
            stops,
            RequestMapper.maxTokens(limit, tokens.length, generator.contextSize()),
            n,
            constraint,
            RequestMapper.ignoreEos(r.extraBody()))
        .withAdapter(adapters.adapter(r.model()));
  }

  private Flowable<ChatChunk> chunks(ChatRequest request, boolean includeUsage) {
    return Flowable.defer(
        () -> {
          if (ChatPrompts.toolMode(generator.template(), request)) {
            return toolChunks(request, includeUsage);
          }
          String id = Ids.next("chatcmpl-");
          long created = System.currentTimeMillis() / 1000;
          boolean wantLogprobs = Boolean.TRUE.equals(request.logprobs());
          Set<Integer> started = new HashSet<>();
          Set<Integer> texted = new HashSet<>();
          AtomicReference<Step> last = new AtomicReference<>();
          String model = model(request);
          Reasonings reasonings = Reasonings.of(generator.template(), request);
          Flowable<ChatChunk> content =
              generator
                  .generate(() -> spec(request))
                  .doOnNext(last::set)
                  .filter(
                      s ->
                          !s.text().isEmpty()
                              || s.isLast()
                              || !started.contains(s.choice())
                              || (wantLogprobs && s.token() != null))
                  .map(
                      s ->
                          reasonings.split(
                              s, text(s, texted), started.add(s.choice()), wantLogprobs))
                  .filter(p -> !p.skip())
                  .map(
                      p ->
                          chunk(
                              id,
                              created,
                              model,
                              choice(p.step(), p.first(), p.content(), p.reasoning(), wantLogprobs),
                              null));
          return includeUsage ? content.concatWith(usageChunk(id, created, model, last)) : content;
        });
  }

  /**
   * With tools, each choice's text is read as it is generated ({@link ToolChunks}): content and
   * reasoning stream as usual, a tool call's id and name as soon as the name is written, then its
   * argument text token by token.
   */
  private Flowable<ChatChunk> toolChunks(ChatRequest request, boolean includeUsage) {
    String id = Ids.next("chatcmpl-");
    long created = System.currentTimeMillis() / 1000;
    boolean wantLogprobs = Boolean.TRUE.equals(request.logprobs());
    Set<Integer> texted = new HashSet<>();
    AtomicReference<Step> last = new AtomicReference<>();
    String model = model(request);
    // a forced call is all grammar from the first token: no reasoning to split off, even when
    // the prompt leaves a <think> block open
    boolean forced = request.toolChoice() != null && !"auto".equals(request.toolChoice().mode());
    Reasonings reasonings = forced ? Reasonings.NONE : Reasonings.of(generator.template(), request);
    ToolGrammar.Syntax syntax = ChatConstraints.syntax(generator.template());
    ToolChunks tools = syntax == null ? null : new ToolChunks(syntax);
    Flowable<ChatChunk> content =
        generator
            .generate(() -> spec(request)) // 400 if no syntax
            .doOnNext(last::set)
            .concatMapIterable(
                s -> {
                  Reasonings.Piece p = reasonings.split(s, text(s, texted), false, wantLogprobs);
                  return java.util.Objects.requireNonNull(tools)
                      .step(
                          s.choice(),
                          p.content() == null ? "" : p.content(),
                          p.reasoning(),
                          wantLogprobs && s.token() != null ? logprobs.chat(s.token()) : null,
                          s.isLast(),
                          s.finishReason());
                })
            .map(choice -> chunk(id, created, model, choice, null));
    return includeUsage ? content.concatWith(usageChunk(id, created, model, last)) : content;
  }

  /** The model responses name: the fine-tuned model asked for, else the loaded model. */
  private String model(ChatRequest request) {
    return request.model().startsWith("ft:") ? request.model() : generator.info().id();
  }

  private Flowable<ChatChunk> usageChunk(
      String id, long created, String model, AtomicReference<Step> last) {
    return Flowable.defer(
        () -> {
          Step s = last.get();
          return s == null
              ? Flowable.empty()
              : Flowable.just(
                  chunk(
                      id, created, model, null, Usage.of(s.promptTokens(), s.completionTokens())));
        });
  }

  /**
   * The step's text; for SentencePiece vocabularies that add a space prefix, the one leading space
   * of a reply's first text is dropped, as Hugging Face's decode does.
   */
  private String text(Step s, Set<Integer> texted) {
    String text = s.text();
    if (text.isEmpty() || !texted.add(s.choice())) {
      return text;
    }
    boolean spacePrefix = generator.tokenizer().vocabulary().addSpacePrefix();
    return spacePrefix && text.startsWith(" ") ? text.substring(1) : text;
  }

  private ChunkChoice choice(
      Step s, boolean first, @Nullable String text, String reasoning, boolean wantLogprobs) {
    ChatDelta delta =
        ChatDelta.builder()
            .role(first ? Role.ASSISTANT : null)
            .content(text)
            .extra(reasoning.isEmpty() ? Map.of() : Map.of(Reasonings.FIELD, reasoning))
            .build();
    ChunkChoice.Builder b =
        ChunkChoice.builder()
            .index(s.choice())
            .delta(delta)
            .finishReason(s.finishReason() != null ? FinishReason.of(s.finishReason()) : null);
    if (wantLogprobs) {
      b.logprobs(
          ChatLogprobs.builder()
              .content(s.token() != null ? List.of(logprobs.chat(s.token())) : List.of())
              .build());
    }
    return b.build();
  }

  private ChatChunk chunk(
      String id, long created, String model, @Nullable ChunkChoice choice, @Nullable Usage usage) {
    return ChatChunk.builder()
        .id(id)
        .created(created)
        .model(model)
        .choices(choice != null ? List.of(choice) : List.of())
        .usage(usage)
        .build();
  }
}
