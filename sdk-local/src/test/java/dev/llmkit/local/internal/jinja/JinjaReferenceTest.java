package dev.llmkit.local.internal.jinja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Renders every item of {@code ../shared/chat-templates/reference.json} (what transformers' {@code
 * apply_chat_template} produces with Python jinja2) and compares byte for byte; items whose
 * template raises must raise with the message Python gives.
 */
class JinjaReferenceTest {
  static final ZonedDateTime REFERENCE_DAY =
      ZonedDateTime.of(2024, 7, 26, 0, 0, 0, 0, ZoneOffset.UTC);

  /** The reference items; skips or fails like {@link SharedModels}. */
  static JsonNode reference() throws Exception {
    Path file = SharedModels.root().resolveSibling("chat-templates").resolve("reference.json");
    if (!Files.isRegularFile(file)) {
      if (System.getenv(SharedModels.ENV) != null) {
        fail(file + " is missing (" + SharedModels.ENV + " is set)");
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(false, file + " is missing: skipping");
    }
    return new ObjectMapper().readTree(file.toFile());
  }

  /** A JSON value as the engine's Java values. */
  static Object value(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    } else if (n.isTextual()) {
      return n.textValue();
    } else if (n.isBoolean()) {
      return n.booleanValue();
    } else if (n.isIntegralNumber()) {
      return n.longValue();
    } else if (n.isNumber()) {
      return n.doubleValue();
    } else if (n.isArray()) {
      List<Object> out = new ArrayList<>();
      n.forEach(e -> out.add(value(e)));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue())));
    return out;
  }

  @Test
  void everyReferenceItemRendersByteForByteOrRaises() throws Exception {
    JsonNode items = reference();
    int matched = 0;
    int raised = 0;
    List<String> failures = new ArrayList<>();
    for (JsonNode item : items) {
      String id = item.get("template_name").asText() + " / " + item.get("conversation_id").asText();
      Map<String, Object> vars = new HashMap<>();
      vars.put("messages", value(item.get("messages")));
      vars.put("tools", value(item.get("tools")));
      vars.put("documents", null);
      vars.put("add_generation_prompt", item.get("add_generation_prompt").booleanValue());
      vars.put("bos_token", item.get("bos_token").asText());
      vars.put("eos_token", item.get("eos_token").asText());
      if (item.hasNonNull("extra_context")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = (Map<String, Object>) value(item.get("extra_context"));
        vars.putAll(extra);
      }
      JsonNode expected = item.get("expected");
      try {
        String out =
            JinjaTemplate.parse(item.get("template").asText(), () -> REFERENCE_DAY).render(vars);
        if (expected.isNull()) {
          failures.add(
              id
                  + ": expected "
                  + item.get("expected_error").asText()
                  + " but rendered "
                  + quote(out));
        } else if (out.equals(expected.asText())) {
          matched++;
        } else {
          failures.add(id + ": got\n" + quote(out) + "\nwant\n" + quote(expected.asText()));
        }
      } catch (JinjaException e) {
        String want = item.get("expected_error").asText();
        if (expected.isNull() && want.equals(e.getMessage())) {
          raised++;
        } else {
          failures.add(
              id
                  + ": "
                  + e.getMessage()
                  + (expected.isNull()
                      ? " (want " + item.get("expected_error").asText() + ")"
                      : ""));
        }
      }
    }
    System.out.println(
        "chat-template reference: "
            + matched
            + " rendered byte for byte, "
            + raised
            + " raised as expected, "
            + failures.size()
            + " differ, of "
            + items.size()
            + " items");
    assertThat(failures).isEmpty();
  }

  static String quote(String s) {
    return "<<" + s.replace("\n", "\\n\n") + ">>";
  }
}
