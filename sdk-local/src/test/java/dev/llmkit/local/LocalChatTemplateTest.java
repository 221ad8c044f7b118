package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.local.testing.ChatTemplateReference;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared chat-template reference through the public API: each item's conversation as a {@code
 * ChatRequest} rendered by {@link LocalChatTemplate}. Items "d5" pass tool-call arguments as JSON
 * strings in the reference; through the SDK every call's arguments reach the template as an object,
 * so they must render exactly like the same conversation with object arguments ("d3"), or, for a
 * template that fails on objects (Functionary concatenates them as text), like the reference with
 * the strings.
 */
class LocalChatTemplateTest {
  private static final ZonedDateTime REFERENCE_DAY =
      ZonedDateTime.of(2024, 7, 26, 0, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void rendersEveryReferenceItemLikeTransformers() {
    JsonNode items = ChatTemplateReference.items();
    Map<String, JsonNode> d3 = new HashMap<>();
    for (JsonNode item : items) {
      if (item.get("conversation_id").asText().startsWith("d3")) {
        d3.put(item.get("template_name").asText(), item);
      }
    }
    int rendered = 0;
    int raised = 0;
    int noToolFormat = 0;
    int extraContext = 0;
    int systemTools = 0;
    List<String> failures = new ArrayList<>();
    for (JsonNode item : items) {
      String name = item.get("template_name").asText();
      if (item.hasNonNull("extra_context")) { // variables only that template knows (Firefunction's)
        extraContext++;
        continue;
      }
      String id = name + " / " + item.get("conversation_id").asText();
      JsonNode want = item.get("conversation_id").asText().startsWith("d5") ? d3.get(name) : item;
      LocalChatTemplate template =
          LocalChatTemplate.of(
              item.get("template").asText(),
              item.get("bos_token").asText(),
              item.get("eos_token").asText(),
              () -> REFERENCE_DAY);
      boolean withTools = item.get("tools").size() > 0;
      try {
        String out =
            template.render(
                ChatTemplateReference.request(item),
                item.get("add_generation_prompt").booleanValue());
        if (withTools && item.get("template").asText().contains("message['tools']")) {
          // Phi-4-mini: transformers shows tools only when the caller puts them on the system
          // message; we do, as its model card does, and write past calls as functools[...]
          boolean calls = item.get("messages").toString().contains("tool_calls");
          if (out.contains("<|tool|>[{\"name\": ")
              && out.contains("<|/tool|><|end|>")
              && out.contains("functools[") == calls) {
            systemTools++;
          } else {
            failures.add(id + ": tools not on the system message: " + out);
          }
        } else if (want.get("expected").isNull()) {
          failures.add(id + ": rendered, but the template raises " + want.get("expected_error"));
        } else if (out.equals(want.get("expected").asText())
            || out.equals(item.get("expected").asText())) {
          rendered++;
        } else {
          failures.add(id + ": differs:\n" + out + "\n---\n" + want.get("expected").asText());
        }
      } catch (InvalidRequestException e) {
        String error = want.get("expected_error").asText("");
        if (want.get("expected").isNull()
            && e.getMessage().contains(error.substring(error.indexOf(": ") + 2))) {
          raised++;
        } else if (withTools
            && !item.get("template").asText().contains("tools")
            && e.getMessage().contains("no tool-call format")) {
          noToolFormat++;
        } else {
          failures.add(id + ": " + e.getMessage());
        }
      }
    }
    System.out.println(
        "chat-template reference through LocalChatTemplate: "
            + rendered
            + " rendered byte for byte, "
            + raised
            + " raised the template's error as a 400, "
            + noToolFormat
            + " rejected tools the template cannot show, "
            + systemTools
            + " put tools on the system message, "
            + extraContext
            + " skipped (they need template-specific variables), "
            + failures.size()
            + " failed, of "
            + items.size());
    assertThat(failures).isEmpty();
    assertThat(rendered + raised).isGreaterThan(160);
  }
}
