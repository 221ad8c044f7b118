package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.Llm;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.ToolDefinition;
import dev.llmkit.local.internal.template.Msg;
import dev.llmkit.local.testing.GgufWriter;
import dev.llmkit.local.testing.TinyChatModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's own chat template through {@link LocalClient}: rendering, BOS rule, errors, fallback,
 * override.
 */
class LocalChatTemplateModelTest {
  private static final String CHATML =
      "{{ bos_token }}{% for m in messages %}<|im_start|>{{ m.role }}\n"
          + "{{ m.content }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";
  private static final ChatRequest HI =
      ChatRequest.builder().model("local").addUserMessage("Hi").build();

  @TempDir Path dir;
  private final List<LogRecord> warnings = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureWarnings() {
    Logger.getLogger("dev.llmkit.local").addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger("dev.llmkit.local").removeHandler(capture);
  }

  private Path model(String name, Consumer<GgufWriter> chatMetadata) {
    return TinyChatModels.write(dir.resolve(name + ".gguf"), chatMetadata);
  }

  private Path model(String name, String template) {
    return TinyChatModels.write(dir.resolve(name + ".gguf"), template);
  }

  private static LocalClient client(Path model) {
    return LocalClient.builder().model(model).threads(1).contextSize(64).build();
  }

  @Test
  void rendersTheModelsOwnTemplateAndKeepsOneBos() {
    try (LocalClient client = client(model("chatml", CHATML))) {
      assertThat(client.renderPrompt(HI))
          .isEqualTo("<s><|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
      String tokenized = client.generator().template().render(List.of(Msg.user("Hi")), true);
      int[] ids = client.generator().tokenizer().encode(tokenized, true, true);
      assertThat(ids[0]).isEqualTo(1);
      assertThat(java.util.Arrays.stream(ids).filter(id -> id == 1).count()).isEqualTo(1);
      int promptTokens =
          client
              .chat()
              .chat(HI.toBuilder().maxCompletionTokens(1).temperature(0.0).build())
              .usage()
              .orElseThrow()
              .promptTokens();
      assertThat(promptTokens).isEqualTo(ids.length);
      assertThat(LocalChatTemplate.fromModel(dir.resolve("chatml.gguf")).render(HI))
          .isEqualTo(client.renderPrompt(HI));
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void aTemplateThatRaisesIsAnInvalidRequestWithItsMessage() {
    String template =
        "{% if messages[0].role == 'system' %}{{ raise_exception('System role not supported') }}"
            + "{% endif %}"
            + CHATML;
    ChatRequest withSystem =
        ChatRequest.builder()
            .model("local")
            .addSystemMessage("Be brief.")
            .addUserMessage("Hi")
            .build();
    try (LocalClient client = client(model("raises", template))) {
      assertThatThrownBy(() -> client.chat().chat(withSystem))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> {
                assertThat(e.getMessage()).contains("System role not supported");
                assertThat(e.param()).contains("messages");
              });
      assertThatThrownBy(() -> client.renderPrompt(withSystem))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("System role not supported");
      assertThat(client.renderPrompt(HI)).startsWith("<s><|im_start|>user");
    }
  }

  @Test
  void aModelWithoutTemplateFallsBackToPlainWithOneWarning() {
    try (LocalClient client = client(model("none", w -> {}))) {
      assertThat(client.renderPrompt(HI)).isEqualTo("User: Hi\nAssistant:");
      client.renderPrompt(HI);
    }
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage()).contains("model none ").contains("PLAIN");
  }

  @Test
  void aTemplateTheEngineCannotRunFallsBackToItsFamily() {
    String template = "{% include 'header.jinja' %}<|im_start|>" + CHATML;
    try (LocalClient client = client(model("include", template))) {
      assertThat(client.renderPrompt(HI))
          .isEqualTo("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage())
        .contains("model include:")
        .contains("CHATML")
        .contains("include");
  }

  @Test
  void theOverrideIsAFamilyNameOrAJinjaFile() throws Exception {
    Path model = model("override", CHATML);
    try (LocalClient client =
        LocalClient.builder().model(model).threads(1).chatTemplate("llama3").build()) {
      assertThat(client.renderPrompt(HI))
          .contains("<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>");
    }
    Path file =
        Files.writeString(
            dir.resolve("mine.jinja"),
            "{% for m in messages %}[{{ m.role|upper }}] {{ m.content }}\n{% endfor %}");
    try (LocalClient client =
        (LocalClient)
            Llm.client(
                "local",
                Map.of(
                    "model", model.toString(), "chat-template", file.toString(), "threads", "1"))) {
      assertThat(client.renderPrompt(HI)).isEqualTo("[USER] Hi\n");
    }
    assertThatThrownBy(() -> LocalClient.builder().model(model).chatTemplate("vicuna").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'vicuna'")
        .hasMessageContaining("chatml, llama3");
  }

  /** Greedy with a strong bias: every generated token is {@code token}. */
  private static ChatRequest forcing(int token, int tokens) {
    return HI.toBuilder()
        .temperature(0.0)
        .maxCompletionTokens(tokens)
        .logitBias(Map.of(String.valueOf(token), 100))
        .build();
  }

  @Test
  void reasoningOfAModelWhosePromptOpensThinkIsSplitOffWhileStreaming() {
    String r1 =
        "{{ bos_token }}{% for m in messages %}{% set c = m.content.split('</think>')[-1] %}"
            + "<|im_start|>{{ c }}<|im_end|>{% endfor %}{% if add_generation_prompt %}<think>\n{% endif %}";
    try (LocalClient client = client(model("r1", r1))) {
      List<dev.llmkit.chat.ChatChunk> chunks =
          client.chat().stream(forcing(8, 3)).toList().blockingGet();
      StringBuilder streamed = new StringBuilder();
      chunks.forEach(
          c ->
              c.choices()
                  .forEach(
                      ch -> {
                        assertThat(ch.delta().content().orElse("")).isEmpty();
                        streamed.append(ch.delta().extra().getOrDefault("reasoning_content", ""));
                      }));
      assertThat(streamed).hasToString("aaa");
      dev.llmkit.chat.ChatMessage reply =
          client.chat().chat(forcing(8, 3)).choices().get(0).message();
      assertThat(reply.extra()).containsEntry("reasoning_content", "aaa");
      assertThat(reply.content().orElse("")).isEmpty();

      dev.llmkit.chat.ChatMessage closed =
          client.chat().chat(forcing(7, 3)).choices().get(0).message();
      assertThat(closed.content()).contains("</think></think>");
      assertThat(closed.extra()).doesNotContainKey("reasoning_content");
    }
  }

  @Test
  void repliesOfTemplatesWithoutThinkingStayContent() {
    try (LocalClient client = client(model("plainchat", CHATML))) {
      dev.llmkit.chat.ChatMessage reply =
          client.chat().chat(forcing(7, 2)).choices().get(0).message();
      assertThat(reply.content()).contains("</think></think>");
      assertThat(reply.extra()).doesNotContainKey("reasoning_content");
    }
  }

  @Test
  void theToolUseTemplateRendersRequestsWithTools() {
    Path model =
        model(
            "tools",
            w ->
                w.putString("tokenizer.chat_template", CHATML)
                    .putString(
                        "tokenizer.chat_template.tool_use",
                        "{% for t in tools %}{{ t.function.name }}"
                            + "({{ t.function.parameters.properties|tojson }}){% endfor %}"));
    ChatRequest withTools =
        HI.toBuilder()
            .tools(
                List.of(
                    ToolDefinition.function(
                        FunctionDefinition.builder()
                            .name("get_weather")
                            .parameters(
                                Map.of(
                                    "type",
                                    "object",
                                    "properties",
                                    Map.of("city", Map.of("type", "string"))))
                            .build())))
            .build();
    try (LocalClient client = client(model)) {
      assertThat(client.renderPrompt(withTools))
          .isEqualTo("get_weather({\"city\": {\"type\": \"string\"}})");
      assertThat(client.renderPrompt(HI)).startsWith("<s><|im_start|>");
    }
  }
}
