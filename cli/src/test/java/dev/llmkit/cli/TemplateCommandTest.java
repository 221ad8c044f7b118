package dev.llmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.local.testing.ChatTemplateReference;
import dev.llmkit.local.testing.TinyChatModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code llmkit template} against the shared chat-template reference and a model's own template.
 */
class TemplateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The item's conversation as an OpenAI request body: tool-call arguments as JSON strings. */
  private Path requestFile(JsonNode item, int n) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("model", "local");
    ArrayNode messages = body.putArray("messages");
    for (JsonNode m : item.get("messages")) {
      ObjectNode copy = m.deepCopy();
      if (copy.get("role").asText().equals("tool")) {
        copy.remove("name");
      }
      for (JsonNode call : copy.path("tool_calls")) {
        ObjectNode function = (ObjectNode) call.get("function");
        JsonNode args = function.get("arguments");
        function.put("arguments", args.isTextual() ? args.asText() : JSON.writeValueAsString(args));
      }
      messages.add(copy);
    }
    if (item.get("tools").size() > 0) {
      body.set("tools", item.get("tools"));
    }
    return Files.writeString(dir.resolve("request" + n + ".json"), JSON.writeValueAsString(body));
  }

  @Test
  void printsExactlyWhatTheReferenceTemplatesRender() throws IOException {
    JsonNode items = ChatTemplateReference.items();
    Map<String, JsonNode> d3 = new HashMap<>();
    items.forEach(
        i -> {
          if (i.get("conversation_id").asText().startsWith("d3")) {
            d3.put(i.get("template_name").asText(), i);
          }
        });
    int printed = 0;
    int failedAsTemplate = 0;
    int systemTools = 0;
    List<String> failures = new ArrayList<>();
    int n = 0;
    int skipped = 0;
    // One command tree for all items (building it costs about a second); picocli resets the
    // options before each execution.
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        Main.commandLine(
            new ByteArrayInputStream(new byte[0]),
            new ConfigSources(Map.of(), Map.of(), dir),
            false);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    for (JsonNode item : items) {
      String template = item.get("template").asText();
      boolean toolsWithoutFormat = item.get("tools").size() > 0 && !template.contains("tools");
      if (item.hasNonNull("extra_context")
          || toolsWithoutFormat
          || template.contains("strftime_now")) {
        skipped++; // template-specific variables; tools the template cannot show (a 400); today's
        continue; // date: all covered in sdk-local's LocalChatTemplateTest with a fixed clock
      }
      n++;
      Path file = Files.writeString(dir.resolve("t" + n + ".jinja"), template);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "template",
                  "--chat-template",
                  file.toString(),
                  "--bos-token",
                  item.get("bos_token").asText(),
                  "--eos-token",
                  item.get("eos_token").asText(),
                  "--request",
                  requestFile(item, n).toString()));
      if (!item.get("add_generation_prompt").booleanValue()) {
        args.add("--no-generation-prompt");
      }
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      int code = cli.execute(args.toArray(new String[0]));
      Cli.Result r = new Cli.Result(code, out.toString(), err.toString());
      String id = item.get("template_name").asText() + " / " + item.get("conversation_id").asText();
      JsonNode want =
          item.get("conversation_id").asText().startsWith("d5")
              ? d3.get(item.get("template_name").asText())
              : item;
      if (item.get("tools").size() > 0
          && item.get("template").asText().contains("message['tools']")) {
        // Phi-4-mini: its template shows tools only from the system message, which transformers
        // leaves without them; llmkit puts them there (as the model card does) and writes past
        // calls as functools[...], so these prompts differ from the reference on purpose.
        boolean calls = item.get("messages").toString().contains("tool_calls");
        if (r.exitCode() == 0
            && r.out().contains("<|tool|>[{\"name\": ")
            && r.out().contains("<|/tool|><|end|>")
            && r.out().contains("functools[") == calls) {
          systemTools++;
        } else {
          failures.add(
              id + ": tools not on the system message: exit " + r.exitCode() + "\n" + r.out());
        }
      } else if (want.get("expected").isNull()) {
        String error = want.get("expected_error").asText();
        if (r.exitCode() == 1
            && r.out().isEmpty()
            && r.err().contains(error.substring(error.indexOf(": ") + 2))) {
          failedAsTemplate++;
        } else {
          failures.add(id + ": exit " + r.exitCode() + " " + r.err());
        }
      } else if (r.exitCode() == 0
          && (r.out().equals(want.get("expected").asText())
              || r.out().equals(item.get("expected").asText()))) {
        printed++;
      } else {
        failures.add(id + ": exit " + r.exitCode() + " " + r.err() + "\n" + r.out());
      }
    }
    System.out.println(
        "llmkit template on the chat-template reference: "
            + printed
            + " printed byte for byte, "
            + failedAsTemplate
            + " exited 1 with the template's error, "
            + systemTools
            + " with tools on the system message (Phi-4-mini), "
            + skipped
            + " skipped, "
            + failures.size()
            + " failed");
    assertThat(failures).isEmpty();
    assertThat(printed).isGreaterThan(120);
  }

  @Test
  void modelUsesTheGgufsOwnTemplateAndSpecialTokens() throws IOException {
    Path model =
        TinyChatModels.write(
            dir.resolve("chat.gguf"),
            "{{ bos_token }}{% for m in messages %}"
                + "<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}{{ eos_token }}");
    Path request =
        Files.writeString(
            dir.resolve("r.json"), "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");

    Cli.Result r =
        Cli.run("template", "--model", model.toString(), "--request", request.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("<s><|im_start|>user\nHi<|im_end|>\n</s>");
  }

  @Test
  void aTemplateThatRaisesExitsNonZeroWithItsMessage() throws IOException {
    Path template =
        Files.writeString(
            dir.resolve("t.jinja"),
            "{% if messages[0].role == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}");
    Path request =
        Files.writeString(
            dir.resolve("r.json"),
            "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}]}");

    Cli.Result r =
        Cli.run(
            "template", "--chat-template", template.toString(), "--request", request.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("System role not supported");
  }

  @Test
  void badInputIsAUsageError() throws IOException {
    Path template = Files.writeString(dir.resolve("t.jinja"), "{{ messages[0].content }}");
    Path notJson = Files.writeString(dir.resolve("bad.json"), "{\"messages\": ");
    Path model = dir.resolve("m.gguf");

    Cli.Result both =
        Cli.run(
            "template",
            "--chat-template",
            template.toString(),
            "--model",
            model.toString(),
            "--request",
            notJson.toString());
    Cli.Result badJson =
        Cli.run(
            "template", "--chat-template", template.toString(), "--request", notJson.toString());
    Cli.Result badTemplate =
        Cli.run(
            "template",
            "--chat-template",
            Files.writeString(dir.resolve("u.jinja"), "{% if x %}").toString(),
            "--request",
            notJson.toString());

    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(badJson.exitCode()).isEqualTo(2);
    assertThat(badJson.err()).contains("bad.json is not JSON");
    assertThat(badTemplate.exitCode()).isEqualTo(2);
    assertThat(badTemplate.err()).contains("cannot be executed");
  }
}
