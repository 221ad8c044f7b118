package dev.llmkit.local.internal.grammar;

import dev.llmkit.local.internal.sampling.TokenFilter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generates with a constraint by picking uniformly random allowed tokens (a random "model"). */
final class RandomDecoder {
  private RandomDecoder() {}

  /** The output and whether it ended by completing (true) or by the budget (false). */
  record Output(String text, boolean complete) {}

  static Output run(
      TestVocab vocab,
      TokenMasks masks,
      long seed,
      int budget,
      @org.jspecify.annotations.Nullable String trigger) {
    Random r = new Random(seed);
    GrammarConstraint c = new GrammarConstraint(masks, id -> id == vocab.eos, trigger, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int step = 0; step < budget; step++) {
      TokenFilter f = c.within(budget - step);
      int id = r.nextInt(vocab.size());
      if (!f.allows(id)) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < vocab.size(); i++) {
          if (f.allows(i)) {
            ok.add(i);
          }
        }
        if (ok.isEmpty()) {
          throw new AssertionError(
              "no token allowed after " + out.toString(StandardCharsets.UTF_8));
        }
        // prefer ending when possible half of the time, so outputs stay short
        id = ok.contains(vocab.eos) && r.nextBoolean() ? vocab.eos : ok.get(r.nextInt(ok.size()));
      }
      if (id == vocab.eos) {
        return new Output(out.toString(StandardCharsets.UTF_8), true);
      }
      c.accept(id);
      out.writeBytes(vocab.tokens.get(id));
      if (c.isComplete()) {
        return new Output(out.toString(StandardCharsets.UTF_8), true);
      }
    }
    return new Output(out.toString(StandardCharsets.UTF_8), false);
  }
}
