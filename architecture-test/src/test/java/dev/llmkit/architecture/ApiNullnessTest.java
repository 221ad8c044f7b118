package dev.llmkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.file.FileListRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.finetuning.AwaitOptions;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.JobListRequest;
import dev.llmkit.finetuning.ListRequest;
import dev.llmkit.moderation.ModerationRequest;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * One nullness rule for the public types of sdk-api (STYLE §2.2, issue 14), checked by reflection
 * on every public class outside {@code internal}:
 *
 * <ul>
 *   <li>A <b>request</b> (a type a service method takes: {@code ChatRequest}, {@code FileUpload},
 *       {@code AwaitOptions}, …) returns {@code @Nullable T} for a field the caller may leave
 *       unset, null meaning the provider's default, and never {@code Optional}.
 *   <li>Every other type (responses, chunks, events, exceptions and the values they hold) returns
 *       {@code Optional<T>} for a field that may be absent, and is never {@code @Nullable}.
 *   <li>A field name means one scalar type everywhere ({@code seed} is a {@code Long} in every
 *       request and response), apart from the few names OpenAI itself uses for two things.
 * </ul>
 */
class ApiNullnessTest {
  /** One minimal instance per request type: only what the type requires is set. */
  private static final Map<Class<?>, Supplier<Object>> MINIMAL_REQUESTS =
      Map.of(
          ChatRequest.class,
          () -> ChatRequest.builder().model("m").addUserMessage("hi").build(),
          CompletionRequest.class,
          () -> CompletionRequest.builder().model("m").prompt("hi").build(),
          EmbeddingRequest.class,
          () -> EmbeddingRequest.builder().model("m").input("hi").build(),
          ModerationRequest.class,
          () -> ModerationRequest.of("hi"),
          CreateFineTuningJobRequest.class,
          () -> CreateFineTuningJobRequest.builder().model("m").trainingFile("file-1").build(),
          JobListRequest.class,
          JobListRequest::defaults,
          ListRequest.class,
          ListRequest::defaults,
          FileListRequest.class,
          FileListRequest::defaults,
          FileUpload.class,
          () ->
              FileUpload.of(
                  "{}".getBytes(StandardCharsets.UTF_8), "a.jsonl", FilePurpose.FINE_TUNE),
          AwaitOptions.class,
          AwaitOptions::defaults);

  /**
   * Names that OpenAI's API gives two meanings, so their types differ by design: {@code logprobs}
   * is a switch on chat requests and a count on legacy completion requests; {@code status} is a
   * file's or a job's own set of states; {@code type} of a fine-tuning method is the open enum
   * {@code MethodType}, elsewhere a discriminator string.
   */
  private static final Set<String> TWO_MEANINGS = Set.of("logprobs", "status", "type");

  private static final Set<Class<?>> SCALARS =
      Set.of(
          String.class,
          Integer.class,
          Long.class,
          Double.class,
          Float.class,
          Boolean.class,
          Instant.class,
          Duration.class);

  /**
   * The names of sdk-api's classes outside {@code internal}, read from its jar (a full build) or
   * its classes folder (a test-phase reactor build).
   */
  private static List<String> apiClassNames() throws Exception {
    Path location =
        Path.of(LlmClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    try (FileSystem jar =
        Files.isDirectory(location)
            ? null
            : FileSystems.newFileSystem(location, (ClassLoader) null)) {
      Path root = jar == null ? location : jar.getPath("/");
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name =
              root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
          if (name.startsWith("dev.llmkit.")
              && name.endsWith(".class")
              && !name.contains(".internal.")
              && !name.endsWith("package-info.class")) {
            names.add(name.substring(0, name.length() - ".class".length()));
          }
        }
      }
    }
    assertThat(names).as("sdk-api classes found at %s", location).hasSizeGreaterThan(50);
    return names;
  }

  /** The public classes of sdk-api outside {@code internal}, nested ones included. */
  private static List<Class<?>> apiClasses() throws Exception {
    List<Class<?>> types = new ArrayList<>();
    for (String name : apiClassNames()) {
      Class<?> type = Class.forName(name);
      if (isPublic(type)
          && !type.isInterface()
          && !type.isSynthetic()
          && !type.getSimpleName().equals("Builder")
          && !type.isAnonymousClass()) {
        types.add(type);
      }
    }
    return types;
  }

  private static boolean isPublic(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  /** The types sdk-api's services take as arguments: the requests. */
  private static Set<Class<?>> requestTypes() throws Exception {
    Set<Class<?>> requests = new java.util.HashSet<>();
    for (String name : apiClassNames()) {
      if (name.endsWith("Service")) {
        for (Method m : Class.forName(name).getMethods()) {
          for (Class<?> p : m.getParameterTypes()) {
            if (p.getName().startsWith("dev.llmkit.") && !p.isInterface() && !p.isEnum()) {
              requests.add(p);
            }
          }
        }
      }
    }
    return requests;
  }

  /** {@code type} and its superclasses in sdk-api, such as a request's shared base. */
  private static List<Class<?>> withApiSuperclasses(Class<?> type) {
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> t = type; t != null && t.getName().startsWith("dev.llmkit."); ) {
      types.add(t);
      t = t.getSuperclass();
    }
    return types;
  }

  /** Public instance methods declared by {@code type} that take nothing and return a value. */
  private static List<Method> getters(Class<?> type) {
    List<Method> getters = new ArrayList<>();
    for (Method m : type.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())
          && !Modifier.isStatic(m.getModifiers())
          && m.getParameterCount() == 0
          && m.getReturnType() != void.class
          && !m.isSynthetic()
          && !m.isBridge()
          && !Set.of("toString", "hashCode", "toBuilder", "build", "openStream")
              .contains(m.getName())
          && !m.getName().startsWith("get")) {
        getters.add(m);
      }
    }
    return getters;
  }

  private static boolean nullable(Method m) {
    return m.getAnnotatedReturnType().isAnnotationPresent(Nullable.class);
  }

  private static boolean nullableField(Class<?> type, String name) {
    try {
      Field f = type.getDeclaredField(name);
      return !Modifier.isStatic(f.getModifiers())
          && f.getAnnotatedType().isAnnotationPresent(Nullable.class);
    } catch (NoSuchFieldException e) {
      return false;
    }
  }

  @Test
  void everyRequestTypeHasAMinimalInstanceHere() throws Exception {
    Set<Class<?>> requests = requestTypes();

    assertThat(requests).contains(ChatRequest.class, EmbeddingRequest.class, FileUpload.class);
    assertThat(MINIMAL_REQUESTS.keySet()).containsExactlyInAnyOrderElementsOf(requests);
  }

  @Test
  void requestGettersAreNullableNeverOptionalAndNullWhenUnset() throws Exception {
    Set<String> violations = new TreeSet<>();

    for (Class<?> request : requestTypes()) {
      Object minimal = MINIMAL_REQUESTS.get(request).get();
      for (Class<?> type : withApiSuperclasses(request)) {
        checkRequestGetters(type, minimal, violations);
      }
    }

    assertThat(violations).isEmpty();
  }

  private static void checkRequestGetters(Class<?> type, Object minimal, Set<String> violations)
      throws Exception {
    for (Method getter : getters(type)) {
      String where = type.getSimpleName() + "." + getter.getName() + "()";
      Object value = getter.invoke(minimal);
      if (getter.getReturnType() == Optional.class) {
        violations.add(where + " returns Optional; a request returns @Nullable T");
      } else if (nullable(getter) && value != null) {
        violations.add(where + " is @Nullable but not null when unset: " + value);
      } else if (!getter.getReturnType().isPrimitive() && !nullable(getter) && value == null) {
        violations.add(where + " returns null when unset but is not @Nullable");
      }
      if (nullableField(type, getter.getName())
          && !nullable(getter)
          && !getter.getReturnType().isPrimitive()) {
        violations.add(where + " exposes a @Nullable field without @Nullable");
      }
    }
  }

  @Test
  void otherTypesReturnOptionalForAbsentFieldsAndNeverNullable() throws Exception {
    Set<Class<?>> requests = new java.util.HashSet<>();
    for (Class<?> request : requestTypes()) {
      requests.addAll(withApiSuperclasses(request));
    }
    Set<String> violations = new TreeSet<>();

    for (Class<?> type : apiClasses()) {
      if (requests.contains(type)) {
        continue;
      }
      for (Method getter : getters(type)) {
        String where = type.getName() + "." + getter.getName() + "()";
        if (nullable(getter)) {
          violations.add(where + " is @Nullable; outside requests an absent value is Optional");
        }
        if (nullableField(type, getter.getName()) && getter.getReturnType() != Optional.class) {
          violations.add(where + " exposes a @Nullable field; return Optional");
        }
      }
    }

    assertThat(violations).isEmpty();
  }

  @Test
  void aFieldNameMeansOneScalarTypeAcrossTheApi() throws Exception {
    Map<String, Map<String, Set<String>>> typesByName = new TreeMap<>();

    for (Class<?> type : apiClasses()) {
      for (Method getter : getters(type)) {
        Class<?> value = valueType(getter);
        if (value != null && !TWO_MEANINGS.contains(getter.getName())) {
          typesByName
              .computeIfAbsent(getter.getName(), k -> new TreeMap<>())
              .computeIfAbsent(value.getSimpleName(), k -> new TreeSet<>())
              .add(type.getSimpleName());
        }
      }
    }
    typesByName.values().removeIf(types -> types.size() == 1);

    assertThat(typesByName).as("getter names with more than one scalar type").isEmpty();
  }

  /** The scalar a getter holds, Optional unwrapped and primitives boxed; null if not a scalar. */
  private static @Nullable Class<?> valueType(Method getter) {
    Type type = getter.getGenericReturnType();
    if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
      type = p.getActualTypeArguments()[0];
    }
    if (!(type instanceof Class<?> c)) {
      return null;
    }
    Class<?> boxed =
        c == int.class
            ? Integer.class
            : c == long.class
                ? Long.class
                : c == double.class
                    ? Double.class
                    : c == float.class ? Float.class : c == boolean.class ? Boolean.class : c;
    boolean openEnum =
        boxed.isRecord()
            && boxed.getRecordComponents().length == 1
            && boxed.getRecordComponents()[0].getType() == String.class;
    return SCALARS.contains(boxed) || openEnum || boxed.isEnum() ? boxed : null;
  }
}
