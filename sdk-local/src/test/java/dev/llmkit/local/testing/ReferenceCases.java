package dev.llmkit.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code reference/*.greedy.json} files of the shared models folder (llm-greedy-reference/v1).
 */
public final class ReferenceCases {
  private final JsonNode root;

  private ReferenceCases(JsonNode root) {
    this.root = root;
  }

  /** Reads {@code reference/<name>} from the shared models folder (skips when absent). */
  public static ReferenceCases read(String name) {
    Path file = SharedModels.resolve("reference/" + name);
    try {
      return new ReferenceCases(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model file path relative to the models folder. */
  public String modelFile() {
    return root.path("model").path("file").asText();
  }

  public List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (JsonNode c : root.path("cases")) {
      cases.add(new Case(c));
    }
    return cases;
  }

  /** One prompt with the results of each producer. */
  public static final class Case {
    private final JsonNode node;

    Case(JsonNode node) {
      this.node = node;
    }

    public String id() {
      return node.path("id").asText();
    }

    public String prompt() {
      return node.path("prompt").asText();
    }

    public int[] promptTokenIds() {
      return ints(node.path("prompt_token_ids"));
    }

    public boolean hasProducer(String producer) {
      return node.path("results").has(producer);
    }

    /** Greedy token ids of a producer ("llama.cpp", "numpy-f32", "llama2.c"). */
    public int[] tokenIds(String producer) {
      return ints(node.path("results").path(producer).path("token_ids"));
    }

    /** top5[step] = [[id, logit] × 5]. */
    public double[][][] top5(String producer) {
      return top(producer, "top5");
    }

    /**
     * The producer's best candidates per step: {@code field} is "top5" or "top10" (the
     * random-weight references); result[step] = [[id, logit] × k].
     */
    public double[][][] top(String producer, String field) {
      JsonNode steps = node.path("results").path(producer).path(field);
      double[][][] out = new double[steps.size()][][];
      for (int s = 0; s < steps.size(); s++) {
        JsonNode step = steps.get(s);
        out[s] = new double[step.size()][];
        for (int j = 0; j < step.size(); j++) {
          out[s][j] = new double[] {step.get(j).get(0).asDouble(), step.get(j).get(1).asDouble()};
        }
      }
      return out;
    }

    /** All logits at the first generated position (llama.cpp, 512-vocab models only). */
    public Optional<double[]> firstStepLogits(String producer) {
      JsonNode n = node.path("results").path(producer).path("first_step_logits");
      if (!n.isArray()) {
        return Optional.empty();
      }
      double[] out = new double[n.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = n.get(i).asDouble();
      }
      return Optional.of(out);
    }

    /** Tokens both producers generated identically before diverging. */
    public int identicalPrefix(String producerA, String producerB) {
      JsonNode a = node.path("agreement").path(producerA + " vs " + producerB);
      return a.isMissingNode() ? 0 : a.path("identical_prefix_tokens").asInt();
    }

    private static int[] ints(JsonNode array) {
      int[] out = new int[array.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = array.get(i).asInt();
      }
      return out;
    }
  }
}
