package dev.llmkit.local.internal.template;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One chat message as the templates see it.
 *
 * @param role "system", "user", "assistant" or "tool" (other roles are rendered by name where the
 *     template allows it)
 * @param content the text; "" when absent (e.g. an assistant message that only calls tools)
 * @param toolCalls tool calls made by an assistant message, empty otherwise
 * @param toolCallId for a "tool" message, the id of the call it answers
 * @param name optional participant or tool name
 */
public record Msg(
    String role,
    String content,
    List<ToolCallSpec> toolCalls,
    @Nullable String toolCallId,
    @Nullable String name) {

  public Msg {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
  }

  public static Msg system(String content) {
    return new Msg("system", content, List.of(), null, null);
  }

  public static Msg user(String content) {
    return new Msg("user", content, List.of(), null, null);
  }

  public static Msg assistant(String content) {
    return new Msg("assistant", content, List.of(), null, null);
  }

  public static Msg assistant(String content, List<ToolCallSpec> toolCalls) {
    return new Msg("assistant", content, toolCalls, null, null);
  }

  public static Msg tool(String toolCallId, String content) {
    return new Msg("tool", content, List.of(), toolCallId, null);
  }

  boolean is(String r) {
    return role.equals(r);
  }

  @Override
  public String toString() {
    return "Msg[role="
        + role
        + ", "
        + content.length()
        + " chars, "
        + toolCalls.size()
        + " tool calls]";
  }
}
