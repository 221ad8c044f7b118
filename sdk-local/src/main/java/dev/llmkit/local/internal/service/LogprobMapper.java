package dev.llmkit.local.internal.service;

import dev.llmkit.chat.TokenLogprob;
import dev.llmkit.local.internal.sampling.SampledToken;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts sampled tokens into the API's log-probability types. A token's text is its piece decoded
 * on its own (a piece that is part of a multi-byte character shows as U+FFFD; {@code bytes} has the
 * exact bytes).
 */
final class LogprobMapper {
  private final Tokenizer tokenizer;

  LogprobMapper(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  String text(int id) {
    return new String(tokenizer.pieceBytes(id, false), StandardCharsets.UTF_8);
  }

  TokenLogprob chat(SampledToken token) {
    List<TokenLogprob> top = new ArrayList<>(token.topLogprobs().size());
    for (SampledToken.TokenLogprob alt : token.topLogprobs()) {
      top.add(entry(alt.id(), alt.logprob()).build());
    }
    return entry(token.id(), token.logprob()).topLogprobs(top).build();
  }

  private TokenLogprob.Builder entry(int id, float logprob) {
    byte[] bytes = tokenizer.pieceBytes(id, false);
    List<Integer> unsigned = new ArrayList<>(bytes.length);
    for (byte b : bytes) {
      unsigned.add(b & 0xff);
    }
    return TokenLogprob.builder()
        .token(new String(bytes, StandardCharsets.UTF_8))
        .logprob(logprob)
        .bytes(unsigned);
  }
}
