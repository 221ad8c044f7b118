package dev.llmkit.local.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatChunks;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ChunkChoice;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolCallDelta;
import dev.llmkit.local.internal.grammar.ToolGrammar;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tool-mode text read as it grows: the deltas OpenAI's stream would carry. */
class ToolReplyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Feeds {@code text} in pieces of {@code size} characters; the choice's chunk choices. */
  private static List<ChunkChoice> feed(
      ToolGrammar.Syntax syntax, String text, int size, String finish) {
    ToolChunks chunks = new ToolChunks(syntax);
    List<ChunkChoice> out = new ArrayList<>();
    for (int from = 0; from < text.length(); from += size) {
      int to = Math.min(text.length(), from + size);
      out.addAll(chunks.step(0, text.substring(from, to), "", null, to == text.length(), finish));
    }
    return out;
  }

  private static ChatResponse aggregate(List<ChunkChoice> choices) {
    List<ChatChunk> chunks = new ArrayList<>();
    for (ChunkChoice c : choices) {
      chunks.add(
          ChatChunk.builder().id("chatcmpl-1").created(1).model("m").choices(List.of(c)).build());
    }
    return ChatChunks.aggregate(Flowable.fromIterable(chunks)).blockingGet();
  }

  @Test
  void hermesCallsStreamNameFirstThenArgumentFragments() throws Exception {
    String args = "{\"city\": \"Par}is\\\"\", \"n\": [1, {\"a\": 2}]}";
    String text =
        "Let me check. <tool_call>\n{\"name\": \"weather\", \"arguments\": "
            + args
            + "}\n</tool_call>\n<tool_call>\n{\"name\": \"time\", \"arguments\": {}}\n</tool_call>";

    List<ChunkChoice> choices = feed(ToolGrammar.Syntax.HERMES, text, 3, "stop");

    assertThat(choices.get(0).delta().role()).contains(Role.ASSISTANT);
    List<ToolCallDelta> deltas =
        choices.stream().flatMap(c -> c.delta().toolCalls().stream()).toList();
    ToolCallDelta opening = deltas.get(0);
    assertThat(opening.index()).isZero();
    assertThat(opening.type()).contains("function");
    assertThat(opening.name()).contains("weather");
    assertThat(opening.id().orElseThrow()).matches("call_[0-9a-f]{24}");
    assertThat(deltas.stream().filter(d -> d.index() == 0).skip(1).count()).isGreaterThan(5);
    assertThat(deltas.stream().skip(1).filter(d -> d.index() == 0))
        .allSatisfy(d -> assertThat(d.id()).isEmpty());
    assertThat(choices.get(choices.size() - 1).finishReason()).contains(FinishReason.TOOL_CALLS);

    ChatResponse response = aggregate(choices);
    assertThat(response.choices().get(0).message().content()).contains("Let me check.");
    List<ToolCall> calls = response.choices().get(0).message().toolCalls();
    assertThat(calls).extracting(ToolCall::name).containsExactly("weather", "time");
    assertThat(calls.get(0).id()).isEqualTo(opening.id().orElseThrow());
    assertThat(calls.get(1).id()).isNotEqualTo(calls.get(0).id());
    assertThat(calls.get(0).arguments()).isEqualTo(args);
    assertThat(calls.get(1).arguments()).isEqualTo("{}");
  }

  @Test
  void mistralAndLlamaCallsStreamTheSameWay() throws Exception {
    String args = "{\"q\": \"a, b]\"}";
    for (var c :
        List.of(
            new Object[] {
              ToolGrammar.Syntax.MISTRAL,
              "[TOOL_CALLS][{\"name\": \"search\", "
                  + "\"arguments\": "
                  + args
                  + "}, {\"name\": \"time\", \"arguments\": {}}]"
            },
            new Object[] {
              ToolGrammar.Syntax.PHI4_MINI,
              "functools[{\"name\": \"search\", "
                  + "\"arguments\": "
                  + args
                  + "}, {\"name\": \"time\", \"arguments\": {}}]"
            },
            new Object[] {
              ToolGrammar.Syntax.LLAMA_JSON,
              " {\"name\": \"search\", \"parameters\": "
                  + args
                  + "}; {\"name\": \"time\", \"parameters\": {}}"
            })) {
      for (int size : new int[] {1, 4, 1000}) {
        ChatResponse r = aggregate(feed((ToolGrammar.Syntax) c[0], (String) c[1], size, "stop"));
        List<ToolCall> calls = r.choices().get(0).message().toolCalls();
        assertThat(calls).extracting(ToolCall::name).containsExactly("search", "time");
        assertThat(calls.get(0).arguments()).isEqualTo(args);
        assertThat(r.choices().get(0).message().content()).isEmpty();
        assertThat(r.choices().get(0).finishReason()).contains(FinishReason.TOOL_CALLS);
      }
    }
  }

  @Test
  void textWithoutCallsIsContentWithTheStepsFinishReason() {
    for (ToolGrammar.Syntax syntax :
        List.of(
            ToolGrammar.Syntax.HERMES,
            ToolGrammar.Syntax.LLAMA_JSON,
            ToolGrammar.Syntax.MISTRAL,
            ToolGrammar.Syntax.PHI4_MINI)) {
      List<ChunkChoice> choices = feed(syntax, "  It is sunny <tool", 2, "length");

      ChatResponse r = aggregate(choices);
      assertThat(r.choices().get(0).message().content()).contains("It is sunny <tool");
      assertThat(choices).allSatisfy(c -> assertThat(c.delta().toolCalls()).isEmpty());
      assertThat(choices.get(choices.size() - 1).finishReason()).contains(FinishReason.LENGTH);
    }
  }

  @Test
  void aCallCutByTheTokenLimitEndsWithLength() {
    List<ChunkChoice> choices =
        feed(
            ToolGrammar.Syntax.HERMES,
            "<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": \"unfinis",
            5,
            "length");

    assertThat(choices.get(choices.size() - 1).finishReason()).contains(FinishReason.LENGTH);
    assertThat(aggregate(choices).choices().get(0).message().toolCalls().get(0).arguments())
        .isEqualTo("{\"a\": \"unfinis");
  }

  private static List<ToolCall> llamaCalls(String text, int size, FinishReason finish) {
    ChatResponse r = aggregate(feed(ToolGrammar.Syntax.LLAMA_JSON, text, size, "stop"));
    assertThat(r.choices().get(0).finishReason()).contains(finish);
    return r.choices().get(0).message().toolCalls();
  }

  @Test
  void llamaPythonicListBecomesCallsWithJsonArguments() throws Exception {
    String text =
        "[get_weather(city=\"Par'is\\n\", unit='celsius', days=3, ratio=-0.5e2),"
            + " lookup(flags=[True, False, None], opts={'a': (1, 2), 3: \"x\\\"y\"},),"
            + " now()]";
    for (int size : new int[] {1, 3, 1000}) {
      List<ToolCall> calls = llamaCalls(text, size, FinishReason.TOOL_CALLS);

      assertThat(calls).extracting(ToolCall::name).containsExactly("get_weather", "lookup", "now");
      assertThat(JSON.readTree(calls.get(0).arguments()))
          .isEqualTo(
              JSON.readTree(
                  "{\"city\": \"Par'is\\n\", \"unit\": \"celsius\", \"days\": 3, \"ratio\": -50.0}"));
      assertThat(JSON.readTree(calls.get(1).arguments()))
          .isEqualTo(
              JSON.readTree(
                  "{\"flags\": [true, false, null], \"opts\": {\"a\": [1, 2], \"3\": \"x\\\"y\"}}"));
      assertThat(calls.get(2).arguments()).isEqualTo("{}");
    }
  }

  @Test
  void eachPythonicCallStreamsAsSoonAsItsParenthesisCloses() {
    ToolChunks chunks = new ToolChunks(ToolGrammar.Syntax.LLAMA_JSON);

    List<ChunkChoice> first = chunks.step(0, " [f(a=1), g(", "", null, false, null);

    List<ToolCallDelta> deltas =
        first.stream().flatMap(c -> c.delta().toolCalls().stream()).toList();
    assertThat(deltas).extracting(d -> d.name().orElse("")).containsExactly("f", "");
    assertThat(deltas.get(1).arguments()).contains("{\"a\": 1}");
    assertThat(first).allSatisfy(c -> assertThat(c.delta().content()).isEmpty());
  }

  @Test
  void pythonTagOpensABuiltInCallOrAJsonCall() {
    List<ToolCall> builtin =
        llamaCalls("<|python_tag|>brave_search.call(query=\"a (b)\")", 2, FinishReason.TOOL_CALLS);
    assertThat(builtin).extracting(ToolCall::name).containsExactly("brave_search");
    assertThat(builtin.get(0).arguments()).isEqualTo("{\"query\": \"a (b)\"}");

    // the tag is a control token that the output may not show: the bare form is read too
    List<ToolCall> bare = llamaCalls("wolfram_alpha.call(query='2+2')", 1, FinishReason.TOOL_CALLS);
    assertThat(bare).extracting(ToolCall::arguments).containsExactly("{\"query\": \"2+2\"}");

    List<ToolCall> json =
        llamaCalls(
            "<|python_tag|>{\"name\": \"f\", \"parameters\": {\"x\": 1}}",
            4,
            FinishReason.TOOL_CALLS);
    assertThat(json).extracting(ToolCall::arguments).containsExactly("{\"x\": 1}");
  }

  @Test
  void textThatOnlyLooksPythonicStaysContent() {
    for (String text :
        List.of(
            "[Note] it rains",
            "[1, 2] are numbers",
            "Hello. Sunny",
            "[f(1)] positional",
            "[f(a=open())]",
            "Sure")) {
      for (int size : new int[] {1, 1000}) {
        ChatResponse r = aggregate(feed(ToolGrammar.Syntax.LLAMA_JSON, text, size, "stop"));
        assertThat(r.choices().get(0).message().content()).contains(text);
        assertThat(r.choices().get(0).message().toolCalls()).isEmpty();
        assertThat(r.choices().get(0).finishReason()).contains(FinishReason.STOP);
      }
    }
  }

  @Test
  void aPythonicListCutByTheTokenLimitKeepsItsWholeCallsAndEndsWithLength() {
    List<ChunkChoice> choices =
        feed(ToolGrammar.Syntax.LLAMA_JSON, "[f(a='x'), g(b='unfini", 4, "length");

    ChatResponse r = aggregate(choices);
    assertThat(r.choices().get(0).message().toolCalls())
        .extracting(ToolCall::name)
        .containsExactly("f");
    assertThat(r.choices().get(0).message().content().orElseThrow()).endsWith("g(b='unfini");
    assertThat(r.choices().get(0).finishReason()).contains(FinishReason.LENGTH);
  }
}
