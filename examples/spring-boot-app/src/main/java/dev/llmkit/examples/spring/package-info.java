/** A small Spring Boot chat app on llmkit's starter: a REST endpoint and a streaming page. */
@NullMarked
package dev.llmkit.examples.spring;

import org.jspecify.annotations.NullMarked;
