package dev.llmkit.openai.internal.http;

import java.time.Duration;

/**
 * The time limits of a stream; zero disables one.
 *
 * @param firstEvent longest wait for the first event after subscribing
 * @param idle longest gap between two events (comments do not count)
 * @param total longest duration of the whole stream
 */
public record StreamTimeouts(Duration firstEvent, Duration idle, Duration total) {}
