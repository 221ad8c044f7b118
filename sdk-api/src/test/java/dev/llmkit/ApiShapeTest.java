package dev.llmkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the rules of the public API in the packages of the core API (STYLE §2.1, §2.2, §2.12). */
class ApiShapeTest {
  private static List<Class<?>> publicTypes(String pkg)
      throws IOException, URISyntaxException, ClassNotFoundException {
    URL mainClasses = LlmClient.class.getProtectionDomain().getCodeSource().getLocation();
    Path dir = Path.of(mainClasses.toURI()).resolve(pkg.replace('.', '/'));
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class")) {
          Class<?> type = Class.forName(pkg + "." + name.substring(0, name.length() - 6));
          if (Modifier.isPublic(type.getModifiers())) {
            types.add(type);
          }
        }
      }
    }
    return types;
  }

  /**
   * Abstract types whose constructors reject every subclass but llmkit's own (final) ones, which
   * {@code GenerationRequestTest} checks: closed like a final type.
   */
  private static final java.util.Set<Class<?>> EXTENDED_BY_LLMKIT_ONLY =
      java.util.Set.of(dev.llmkit.common.GenerationRequest.class);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dev.llmkit", "dev.llmkit.chat", "dev.llmkit.completion", "dev.llmkit.model",
        "dev.llmkit.common", "dev.llmkit.spi", "dev.llmkit.embedding", "dev.llmkit.file",
        "dev.llmkit.finetuning", "dev.llmkit.moderation"
      })
  void publicTypesAreFinalOrInterfacesAndHideInternals(String pkg) throws Exception {
    List<Class<?>> types = publicTypes(pkg);

    assertThat(types).isNotEmpty();
    for (Class<?> type : types) {
      boolean closed =
          type.isInterface()
              || type.isEnum()
              || type.isRecord()
              || Throwable.class.isAssignableFrom(type)
              || Modifier.isFinal(type.getModifiers())
              || EXTENDED_BY_LLMKIT_ONLY.contains(type);
      assertThat(closed)
          .as("%s is final, an interface, a record, an enum or an exception", type)
          .isTrue();
      for (Method method : type.getMethods()) {
        if (method.getDeclaringClass() == type) {
          assertNoInternal(type, method.getGenericReturnType());
          for (Type parameter : method.getGenericParameterTypes()) {
            assertNoInternal(type, parameter);
          }
        }
      }
      for (Constructor<?> constructor : type.getConstructors()) {
        for (Type parameter : constructor.getGenericParameterTypes()) {
          assertNoInternal(type, parameter);
        }
      }
    }
  }

  private static void assertNoInternal(Class<?> owner, Type type) {
    assertThat(type.getTypeName())
        .as("public signature in %s", owner.getName())
        .doesNotContain(".internal.")
        .doesNotContain("com.fasterxml")
        .doesNotContain("okhttp3")
        .doesNotContain("retrofit2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dev.llmkit", "dev.llmkit.chat", "dev.llmkit.completion", "dev.llmkit.model",
        "dev.llmkit.common", "dev.llmkit.spi", "dev.llmkit.embedding", "dev.llmkit.file",
        "dev.llmkit.finetuning", "dev.llmkit.moderation", "dev.llmkit.internal"
      })
  void packagesAreNullMarked(String pkg) throws Exception {
    Class<?> any = Class.forName(pkg + ".package-info");

    assertThat(any.getAnnotation(NullMarked.class)).as("@NullMarked on %s", pkg).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dev/llmkit", "dev/llmkit/chat", "dev/llmkit/completion", "dev/llmkit/model",
        "dev/llmkit/common", "dev/llmkit/spi", "dev/llmkit/embedding", "dev/llmkit/file",
        "dev/llmkit/finetuning", "dev/llmkit/moderation"
      })
  void publicApiFilesStayWithinThreeHundredLines(String dir) throws IOException {
    Path sources = Path.of("src/main/java").resolve(dir);

    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.toString().endsWith(".java")) {
          assertThat(Files.readAllLines(file))
              .as("lines of %s", file)
              .hasSizeLessThanOrEqualTo(300);
        }
      }
    }
  }
}
