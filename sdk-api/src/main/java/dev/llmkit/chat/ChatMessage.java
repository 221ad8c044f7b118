package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation, sent in a {@link ChatRequest} or returned in a {@link ChatChoice}.
 * Immutable; use the factories ({@link #user(String)}, {@link #system(String)}, …) or {@link
 * #builder()}.
 *
 * <p>Content is either plain text ({@link #content()}) or a list of {@link ContentPart}s ({@link
 * #contentParts()}), never both. {@link #text()} returns the text either way.
 */
public final class ChatMessage {
  private final Role role;
  private final @Nullable String content;
  private final List<ContentPart> contentParts;
  private final @Nullable String name;
  private final @Nullable String refusal;
  private final List<ToolCall> toolCalls;
  private final @Nullable String toolCallId;
  private final Map<String, Object> extra;

  private ChatMessage(Builder b) {
    this.role = Checks.notNull(b.role, "role");
    this.content = b.content;
    this.contentParts = Immutables.list(b.contentParts, "contentParts");
    Checks.check(
        content == null || contentParts.isEmpty(),
        "a message has either content or contentParts, not both");
    this.name = b.name;
    this.refusal = b.refusal;
    this.toolCalls = Immutables.list(b.toolCalls, "toolCalls");
    this.toolCallId = b.toolCallId;
    Checks.check(
        !role.equals(Role.TOOL) || toolCallId != null,
        "a tool message needs toolCallId: the id of the ToolCall it answers");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns a user message with text content. */
  public static ChatMessage user(String content) {
    return builder().role(Role.USER).content(Checks.notNull(content, "content")).build();
  }

  /** Returns a user message made of parts, e.g. text and images. */
  public static ChatMessage user(List<ContentPart> parts) {
    Checks.check(!Checks.notNull(parts, "parts").isEmpty(), "parts is empty; give at least one");
    return builder().role(Role.USER).contentParts(parts).build();
  }

  /** Returns a system message. */
  public static ChatMessage system(String content) {
    return builder().role(Role.SYSTEM).content(Checks.notNull(content, "content")).build();
  }

  /** Returns a developer message: instructions that newer models follow like system messages. */
  public static ChatMessage developer(String content) {
    return builder().role(Role.DEVELOPER).content(Checks.notNull(content, "content")).build();
  }

  /** Returns an assistant message, e.g. a previous answer of the model. */
  public static ChatMessage assistant(String content) {
    return builder().role(Role.ASSISTANT).content(Checks.notNull(content, "content")).build();
  }

  /** Returns an assistant message that calls tools, to replay a tool-calling turn. */
  public static ChatMessage assistant(List<ToolCall> toolCalls) {
    return builder().role(Role.ASSISTANT).toolCalls(toolCalls).build();
  }

  /** Returns the result of the tool call with id {@code toolCallId}. */
  public static ChatMessage tool(String toolCallId, String content) {
    return builder()
        .role(Role.TOOL)
        .toolCallId(Checks.notBlank(toolCallId, "toolCallId"))
        .content(Checks.notNull(content, "content"))
        .build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public Role role() {
    return role;
  }

  /** The text content, when the message has plain text content. */
  public Optional<String> content() {
    return Optional.ofNullable(content);
  }

  /** The content parts; empty when the content is plain text or absent. */
  public List<ContentPart> contentParts() {
    return contentParts;
  }

  /** The text of the message: {@link #content()}, else its text parts joined, else "". */
  public String text() {
    if (content != null) {
      return content;
    }
    StringBuilder sb = new StringBuilder();
    for (ContentPart part : contentParts) {
      part.text().ifPresent(sb::append);
    }
    return sb.toString();
  }

  /** An optional name telling participants of the same role apart. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The model's refusal message, when it refused to answer. */
  public Optional<String> refusal() {
    return Optional.ofNullable(refusal);
  }

  /** The tools an assistant message calls; empty otherwise. */
  public List<ToolCall> toolCalls() {
    return toolCalls;
  }

  /** For a tool message, the id of the {@link ToolCall} it answers. */
  public Optional<String> toolCallId() {
    return Optional.ofNullable(toolCallId);
  }

  /** Provider fields this type does not model (e.g. {@code annotations}, {@code audio}). */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(role, content, contentParts, name, refusal, toolCalls, toolCallId, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChatMessage && state().equals(((ChatMessage) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  /** Prints the role and sizes, never the content. */
  @Override
  public String toString() {
    return "ChatMessage{role="
        + role
        + (content != null ? ", contentLength=" + content.length() : "")
        + (contentParts.isEmpty() ? "" : ", parts=" + contentParts.size())
        + (toolCalls.isEmpty() ? "" : ", toolCalls=" + toolCalls.size())
        + (toolCallId != null ? ", toolCallId=" + toolCallId : "")
        + (refusal != null ? ", refused" : "")
        + "}";
  }

  /** Builds a {@link ChatMessage}; {@code role} is required. */
  public static final class Builder {
    private @Nullable Role role;
    private @Nullable String content;
    private List<ContentPart> contentParts = List.of();
    private @Nullable String name;
    private @Nullable String refusal;
    private List<ToolCall> toolCalls = List.of();
    private @Nullable String toolCallId;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(ChatMessage m) {
      role = m.role;
      content = m.content;
      contentParts = m.contentParts;
      name = m.name;
      refusal = m.refusal;
      toolCalls = m.toolCalls;
      toolCallId = m.toolCallId;
      extra = m.extra;
    }

    public Builder role(Role role) {
      this.role = role;
      return this;
    }

    public Builder content(@Nullable String content) {
      this.content = content;
      return this;
    }

    public Builder contentParts(List<ContentPart> contentParts) {
      this.contentParts = Checks.notNull(contentParts, "contentParts");
      return this;
    }

    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    public Builder refusal(@Nullable String refusal) {
      this.refusal = refusal;
      return this;
    }

    public Builder toolCalls(List<ToolCall> toolCalls) {
      this.toolCalls = Checks.notNull(toolCalls, "toolCalls");
      return this;
    }

    public Builder toolCallId(@Nullable String toolCallId) {
      this.toolCallId = toolCallId;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public ChatMessage build() {
      return new ChatMessage(this);
    }
  }
}
