package dev.llmkit.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the chat app on port 8080: {@code POST /chat} answers JSON, {@code GET /chat/stream}
 * streams tokens as server-sent events, and {@code /} serves a chat page that uses them. The {@code
 * ChatService} bean comes from llmkit's starter, configured by {@code application.properties}: the
 * local provider by default, or {@code -Dllmkit.provider=openai} with {@code OPENAI_API_KEY} set.
 *
 * <pre>
 * mvn -q -pl examples/spring-boot-app -am test-compile spring-boot:run
 * mvn -q -pl examples/spring-boot-app -am test-compile exec:java -Dllmkit.local.model=/path/model.gguf
 * </pre>
 */
@SpringBootApplication
public class ChatApplication {
  public static void main(String[] args) {
    SpringApplication.run(ChatApplication.class, args);
  }
}
