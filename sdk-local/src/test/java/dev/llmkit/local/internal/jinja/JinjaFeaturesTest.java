package dev.llmkit.local.internal.jinja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Jinja features chat templates rely on, one case per group of features. Each expected string
 * was produced by Python jinja2 3.1.6 configured as transformers configures it (sandboxed,
 * trim_blocks, lstrip_blocks, loopcontrols, transformers' tojson), not by this engine.
 */
class JinjaFeaturesTest {
  private static final ZonedDateTime NOW =
      ZonedDateTime.of(2024, 7, 26, 9, 5, 0, 0, ZoneOffset.UTC);

  private static final String[][] CASES = {
    {
      "{{ \"  a b  \".strip() }}|{{ \"xxaxx\".strip(\"x\") }}|{{ \"a,b,,c\".split(\",\") }}|{{ \" a  b \".split() }}|{{ \"a b c\".split(\" \", 1) }}",
      "{}",
      "a b|a|['a', 'b', '', 'c']|['a', 'b']|['a', 'b c']"
    },
    {
      "{{ \"hello world's\".title() }}|{{ \"Hi\".upper() }}{{ \"Hi\".lower() }}|{{ \"abc\".startswith(\"ab\") }}{{ \"abc\".endswith((\"x\", \"c\")) }}|{{ \"aaa\".replace(\"a\", \"b\", 2) }}|{{ \"  x\".lstrip() }}{{ \"x  \".rstrip() }}.",
      "{}",
      "Hello World'S|HIhi|TrueTrue|bba|xx."
    },
    {
      "{{ m[1:] }}|{{ m[:-1] }}|{{ m[::-1] }}|{{ m[-1] }}|{{ \"hello\"[1:3] }}|{{ \"hello\"[::-2] }}",
      "{\"m\": [1, 2, 3, 4]}",
      "[2, 3, 4]|[1, 2, 3]|[4, 3, 2, 1]|4|el|olh"
    },
    {
      "{% set ns = namespace(n=0) %}{% for x in m %}{% if x == 3 %}{% continue %}{% endif %}{% if x > 4 %}{% break %}{% endif %}{% set ns.n = ns.n + x %}{% set local = x %}{% endfor %}{{ ns.n }}{{ local is defined }}",
      "{\"m\": [1, 2, 3, 4, 5, 6]}",
      "7False"
    },
    {
      "{{ \"ell\" in \"hello\" }}{{ \"z\" not in \"hello\" }}{{ x is defined }}{{ y is defined }}{{ m|length }}{{ \"  t \"|trim }}|{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}",
      "{\"m\": [1, 2], \"x\": 1, \"d\": {\"a\": 1, \"b\": null}}",
      "TrueTrueTrueFalse2t|a=1;b=None;"
    },
    {
      "{{ d|tojson }}|{{ d|tojson(indent=2) }}|{{ d|tojson(separators=(\",\", \":\"), sort_keys=true) }}|{{ \"é<>&\\\"\\n\"|tojson }}",
      "{\"d\": {\"b\": [1, 2.5, true, null], \"a\": {\"x\": \"y\"}, \"e\": [], \"f\": {}}}",
      "{\"b\": [1, 2.5, true, null], \"a\": {\"x\": \"y\"}, \"e\": [], \"f\": {}}|{\n  \"b\": [\n    1,\n    2.5,\n    true,\n    null\n  ],\n  \"a\": {\n    \"x\": \"y\"\n  },\n  \"e\": [],\n  \"f\": {}\n}|{\"a\":{\"x\":\"y\"},\"b\":[1,2.5,true,null],\"e\":[],\"f\":{}}|\"é<>&\\\"\\n\""
    },
    {
      "{{ x }}|{{ 1.0 }}|{{ [\"a\", 1, none, true] }}|{{ {\"k\": \"v\"} }}|{{ 7 // 2 }}{{ 7 / 2 }}{{ -7 % 3 }}|{{ \"ab\" * 2 }}|{{ undefined_name }}|",
      "{\"x\": null}",
      "None|1.0|['a', 1, None, True]|{'k': 'v'}|33.52|abab||"
    },
    {
      "  {%- if true %}\n    a\n  {% endif %}\n  {{ 'b' }}  \n{#- c #}\n{% for i in range(3) -%}\n {{ i }}{{ loop.index }}{{ loop.first }}{{ loop.last }}\n{%- endfor %}\n",
      "{}",
      "    a\n  b01TrueFalse12FalseFalse23FalseTrue"
    },
    {
      "{% macro f(a, b=\"d\") %}[{{ a }}{{ b }}]{% endmacro %}{{ f(1) }}{{ f(1, b=2) }}{% set s %}in{{ 1 }}{% endset %}{{ s }}|{% filter upper %}up{% endfilter %}|{{ m|map(attribute=\"n\")|join(\",\") }}|{{ m|selectattr(\"n\", \"equalto\", 2)|list }}|{{ m|rejectattr(\"n\")|list|length }}",
      "{\"m\": [{\"n\": 1}, {\"n\": 2}, {\"n\": 0}]}",
      "[1d][12]in1|UP|1,2,0|[{'n': 2}]|1"
    },
    {
      "{{ \"a\\nb\"|indent(2) }}|{{ \"a\\n\\nb\\n\"|indent(2, true) }}|{{ x|default(\"dflt\") }}|{{ \"\"|default(\"e\", true) }}|{{ m|first }}{{ m|last }}|{{ d|dictsort }}|{{ m|sort|reverse|list }}|{{ \"x\" ~ 1 ~ none }}|{{ \"a\"|safe + \"<b>\" }}",
      "{\"m\": [3, 1, 2], \"d\": {\"b\": 1, \"a\": 2}}",
      "a\n  b|  a\n\n  b\n|dflt|e|32|[('a', 2), ('b', 1)]|[3, 2, 1]|x1None|a&lt;b&gt;"
    },
    {
      "{{ strftime_now(\"%d %b %Y\") }}|{{ strftime_now(\"%A %B %-d, %H:%M\") }}",
      "{}",
      "26 Jul 2024|Friday July 26, 09:05"
    }
  };

  @Test
  void rendersLikePythonJinja2() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String[] c : CASES) {
      @SuppressWarnings("unchecked")
      Map<String, Object> vars = json.readValue(c[1], Map.class);
      assertThat(JinjaTemplate.parse(c[0], () -> NOW).render(vars)).as(c[0]).isEqualTo(c[2]);
    }
  }

  @Test
  void raiseExceptionCarriesTheTemplatesMessage() {
    JinjaTemplate t =
        JinjaTemplate.parse("{{ raise_exception('System role not supported') }}", () -> NOW);
    assertThatThrownBy(() -> t.render(Map.of()))
        .isInstanceOfSatisfying(
            JinjaException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(JinjaException.Kind.RAISED);
              assertThat(e.detail()).isEqualTo("System role not supported");
              assertThat(e.engineLimitation()).isFalse();
            });
  }

  @Test
  void pythonErrorsAreRaisedNotRenderedAway() {
    assertThatThrownBy(
            () ->
                JinjaTemplate.parse("{% for t in tools %}{% endfor %}", () -> NOW)
                    .render(java.util.Collections.singletonMap("tools", null)))
        .hasMessage("TypeError: 'NoneType' object is not iterable");
    assertThatThrownBy(() -> JinjaTemplate.parse("{{ x.y }}", () -> NOW).render(Map.of()))
        .hasMessage("UndefinedError: 'x' is undefined");
    assertThatThrownBy(() -> JinjaTemplate.parse("{{ 'a' + 1 }}", () -> NOW).render(Map.of()))
        .hasMessage("TypeError: can only concatenate str (not \"int\") to str");
    assertThatThrownBy(
            () ->
                JinjaTemplate.parse("{{ m.append(1) }}", () -> NOW).render(Map.of("m", List.of())))
        .isInstanceOf(JinjaException.class)
        .hasMessageContaining("unsafe");
  }

  @Test
  void syntaxTheEngineCannotRunIsAnEngineLimitation() {
    for (String source :
        new String[] {
          "{% if x %}",
          "{{ x | no_such_filter }}",
          "{% include 'a' %}",
          "{{ x is no_such_test }}",
          "{{ 'a }}"
        }) {
      assertThatThrownBy(() -> JinjaTemplate.parse(source, () -> NOW))
          .as(source)
          .isInstanceOfSatisfying(
              JinjaException.class, e -> assertThat(e.engineLimitation()).isTrue());
    }
  }
}
