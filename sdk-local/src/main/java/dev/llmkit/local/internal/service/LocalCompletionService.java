package dev.llmkit.local.internal.service;

import dev.llmkit.chat.FinishReason;
import dev.llmkit.common.Usage;
import dev.llmkit.completion.CompletionChoice;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionChunks;
import dev.llmkit.completion.CompletionLogprobs;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.local.internal.Args;
import dev.llmkit.local.internal.engine.GenerationSpec;
import dev.llmkit.local.internal.engine.Generator;
import dev.llmkit.local.internal.engine.Step;
import dev.llmkit.local.internal.sampling.SampledToken;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Text completions on the loaded model: the prompt is tokenized as plain text, with BOS when the
 * model's metadata asks for it (as llama.cpp does), and continued. Several prompts run one after
 * another; choice {@code i * n + j} is choice {@code j} of prompt {@code i}. Without {@code
 * max_tokens} at most 16 tokens are generated, as in OpenAI's API.
 *
 * <p>Log-probabilities ({@code logprobs = k}) list each generated token, its log-probability and
 * the {@code k} most likely alternatives, computed after penalties and logit bias and before
 * temperature and truncation. {@code echo} prepends the prompt text; {@code suffix}, {@code
 * best_of} other than {@code n}, and {@code echo} with log-probabilities are not supported.
 */
public final class LocalCompletionService implements CompletionService {
  static final int DEFAULT_MAX_TOKENS = 16;

  private final Generator generator;
  private final RequestMapper mapper;
  private final LogprobMapper logprobs;
  private final AdapterLookup adapters;

  public LocalCompletionService(Generator generator, SamplingDefaults defaults) {
    this(generator, defaults, AdapterLookup.NONE);
  }

  /** Completions whose requests naming a fine-tuned model run with that model's adapter. */
  public LocalCompletionService(
      Generator generator, SamplingDefaults defaults, AdapterLookup adapters) {
    this.generator = generator;
    this.adapters = adapters;
    this.mapper =
        new RequestMapper(
            defaults, generator.tokenizer().vocabulary().size(), generator.contextSize());
    this.logprobs = new LogprobMapper(generator.tokenizer());
  }

  @Override
  public CompletionResponse complete(CompletionRequest request) {
    Args.notNull(request, "request");
    return CompletionChunks.aggregate(chunks(request, true)).blockingGet();
  }

  @Override
  public Flowable<CompletionChunk> stream(CompletionRequest request) {
    Args.notNull(request, "request");
    return chunks(request, Boolean.TRUE.equals(request.streamIncludeUsage()));
  }

  @Override
  public Single<CompletionResponse> completeAsync(CompletionRequest request) {
    Args.notNull(request, "request");
    return CompletionChunks.aggregate(chunks(request, true));
  }

  private static void check(CompletionRequest r) {
    if (r.suffix() != null) {
      throw RequestMapper.invalid("suffix", "the local provider does not support suffix");
    }
    int n = r.n() != null ? r.n() : 1;
    if (r.bestOf() != null && r.bestOf() != n) {
      throw RequestMapper.invalid("best_of", "the local provider supports best_of only equal to n");
    }
    if (Boolean.TRUE.equals(r.echo()) && r.logprobs() != null) {
      throw RequestMapper.invalid("echo", "the local provider does not support echo with logprobs");
    }
    if (r.maxTokens() != null && r.maxTokens() == 0) {
      throw RequestMapper.invalid("max_tokens", "the local provider needs max_tokens >= 1");
    }
  }

  private int[] tokens(CompletionRequest r, int index) {
    if (!r.promptTokens().isEmpty()) {
      List<Integer> ids = r.promptTokens().get(index);
      int vocab = generator.tokenizer().vocabulary().size();
      int[] out = new int[ids.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = ids.get(i);
        if (out[i] < 0 || out[i] >= vocab) {
          throw RequestMapper.invalid(
              "prompt",
              "prompt token " + out[i] + " is outside the model's vocabulary of " + vocab);
        }
      }
      return out;
    }
    return generator.tokenizer().encode(r.prompt().get(index), true, false);
  }

  private GenerationSpec spec(CompletionRequest r, int index) {
    check(r);
    int[] prompt = tokens(r, index);
    RequestMapper.Options options =
        new RequestMapper.Options(
            r.temperature(),
            r.topP(),
            r.presencePenalty(),
            r.frequencyPenalty(),
            r.logitBias(),
            r.seed(),
            r.logprobs() != null ? r.logprobs() : -1,
            r.extraBody());
    int max = r.maxTokens() != null ? r.maxTokens() : DEFAULT_MAX_TOKENS;
    return new GenerationSpec(
            prompt,
            mapper.sampling(options),
            r.stop(),
            max,
            r.n() != null ? r.n() : 1,
            null,
            RequestMapper.ignoreEos(r.extraBody()))
        .withAdapter(adapters.adapter(r.model()));
  }

  private String promptText(CompletionRequest r, int index) {
    return r.promptTokens().isEmpty()
        ? r.prompt().get(index)
        : generator.tokenizer().decodePieces(tokens(r, index), false);
  }

  private Flowable<CompletionChunk> chunks(CompletionRequest request, boolean includeUsage) {
    return Flowable.defer(
        () -> {
          Stream stream = new Stream(request);
          List<Flowable<CompletionChunk>> parts = new ArrayList<>();
          for (int p = 0; p < stream.prompts; p++) {
            parts.add(stream.prompt(p));
          }
          Flowable<CompletionChunk> all = Flowable.concat(parts);
          return includeUsage ? all.concatWith(Flowable.fromCallable(stream::usageChunk)) : all;
        });
  }

  /** The state of one streamed request: ids, per-choice text offsets and usage so far. */
  private final class Stream {
    final CompletionRequest request;
    final String id = Ids.next("cmpl-");
    final long created = System.currentTimeMillis() / 1000;
    final int prompts;
    final int n;
    final boolean echo;
    final boolean wantLogprobs;
    final int[] offsets;
    final boolean[] started;
    int promptTokens;
    int completionTokens;

    Stream(CompletionRequest request) {
      this.request = request;
      this.prompts = Math.max(request.prompt().size(), request.promptTokens().size());
      this.n = request.n() != null ? request.n() : 1;
      this.echo = Boolean.TRUE.equals(request.echo());
      this.wantLogprobs = request.logprobs() != null;
      this.offsets = new int[prompts * n];
      this.started = new boolean[prompts * n];
    }

    /** The chunks of prompt {@code p}: its choices are {@code p * n} to {@code p * n + n - 1}. */
    Flowable<CompletionChunk> prompt(int p) {
      int[] counted = new int[2];
      return generator
          .generate(() -> spec(request, p), "prompt")
          .doOnNext(
              s -> {
                counted[0] = s.promptTokens();
                counted[1] = s.completionTokens();
              })
          .doOnComplete(
              () -> {
                promptTokens += counted[0];
                completionTokens += counted[1];
              })
          .filter(
              s ->
                  !s.text().isEmpty()
                      || s.isLast()
                      || (wantLogprobs && s.token() != null)
                      || !started[p * n + s.choice()])
          .map(s -> chunk(p, s));
    }

    private CompletionChunk chunk(int p, Step s) {
      int index = p * n + s.choice();
      String text = s.text();
      if (echo && !started[index]) {
        text = promptText(request, p) + text;
      }
      started[index] = true;
      CompletionLogprobs lp = wantLogprobs ? logprobs(s, offsets[index]) : null;
      offsets[index] += text.length();
      return LocalCompletionService.this.chunk(
          id, created, model(request), choice(index, text, s, lp), null);
    }

    CompletionChunk usageChunk() {
      return LocalCompletionService.this.chunk(
          id, created, model(request), null, Usage.of(promptTokens, completionTokens));
    }
  }

  private CompletionLogprobs logprobs(Step s, int offset) {
    SampledToken t = s.token();
    if (t == null) {
      return CompletionLogprobs.builder().build();
    }
    Map<String, Double> top = new LinkedHashMap<>();
    for (SampledToken.TokenLogprob alt : t.topLogprobs()) {
      top.putIfAbsent(logprobs.text(alt.id()), (double) alt.logprob());
    }
    List<@Nullable Map<String, Double>> tops = new ArrayList<>();
    tops.add(top);
    return CompletionLogprobs.builder()
        .tokens(List.of(logprobs.text(t.id())))
        .tokenLogprobs(List.of((double) t.logprob()))
        .topLogprobs(tops)
        .textOffset(List.of(offset))
        .build();
  }

  private static CompletionChoice choice(
      int index, String text, Step s, @Nullable CompletionLogprobs lp) {
    return CompletionChoice.builder()
        .index(index)
        .text(text)
        .finishReason(s.finishReason() != null ? FinishReason.of(s.finishReason()) : null)
        .logprobs(lp)
        .build();
  }

  /** The model responses name: the fine-tuned model asked for, else the loaded model. */
  private String model(CompletionRequest request) {
    return request.model().startsWith("ft:") ? request.model() : generator.info().id();
  }

  private CompletionChunk chunk(
      String id,
      long created,
      String model,
      @Nullable CompletionChoice choice,
      @Nullable Usage usage) {
    return CompletionChunk.builder()
        .id(id)
        .created(created)
        .model(model)
        .choices(choice != null ? List.of(choice) : List.of())
        .usage(usage)
        .build();
  }
}
