package dev.llmkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.llmkit.architecture.ModuleBoundariesTest.Module;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The naming rules of the public API (STYLE §2.3, §2.12, issue 14), checked on the compiled classes
 * of the SDK modules: blocking methods are {@code x()} and their reactive twins {@code xAsync()},
 * and exceptions are built by builders or named factories, not long lists of positional arguments.
 */
class ApiNamingTest {
  private static final Set<String> REACTIVE =
      Set.of(
          "io.reactivex.rxjava3.core.Single",
          "io.reactivex.rxjava3.core.Maybe",
          "io.reactivex.rxjava3.core.Completable",
          "io.reactivex.rxjava3.core.Flowable",
          "io.reactivex.rxjava3.core.Observable");

  /** The most parameters an exception's public constructor or factory may take. */
  private static final int MAX_EXCEPTION_PARAMETERS = 4;

  private static final Map<Module, List<JavaClass>> PUBLIC_API = new EnumMap<>(Module.class);

  /** Public types outside {@code internal} whose enclosing types are public too. */
  private static synchronized List<JavaClass> publicApi(Module module) {
    Path root = Path.of("..").resolve(module.dir).resolve("target").resolve("classes");
    assertThat(root)
        .as("compiled classes of %s (build the module first)", module.dir)
        .isDirectory();
    return PUBLIC_API.computeIfAbsent(
        module,
        m ->
            new ClassFileImporter()
                    .withImportOption(location -> !location.contains("/internal/"))
                    .importPath(root)
                    .stream()
                    .filter(t -> t.getModifiers().contains(JavaModifier.PUBLIC))
                    .filter(
                        t ->
                            t.getEnclosingClass()
                                .map(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                                .orElse(true))
                    .toList());
  }

  private static boolean isPublicApi(JavaCodeUnit unit) {
    return (unit.getModifiers().contains(JavaModifier.PUBLIC)
            || unit.getModifiers().contains(JavaModifier.PROTECTED))
        && !unit.getModifiers().contains(JavaModifier.SYNTHETIC)
        && !unit.getModifiers().contains(JavaModifier.BRIDGE);
  }

  private static boolean reactive(JavaMethod method) {
    return REACTIVE.contains(method.getRawReturnType().getName());
  }

  /**
   * A method returning Single, Maybe, Completable, Flowable or Observable is named {@code xAsync}
   * (or {@code stream…}, the chunk streams; operators over a stream the caller passes in, such as
   * {@code ChatChunks.aggregate}, are not calls and keep their names); each {@code xAsync} has a
   * blocking {@code x} with the same parameters; no method is named {@code …Blocking}.
   */
  @ParameterizedTest
  @EnumSource(
      value = Module.class,
      names = {"SDK_API", "SDK_TRAINING", "SDK_OPENAI", "SDK_LOCAL", "SDK_SPRING_STARTER"})
  void blockingMethodsAreXAndReactiveOnesXAsync(Module module) {
    assertThat(namingViolations(publicApi(module))).isEmpty();
  }

  /** A service named the other way round, as FineTuningService was before 0.1.0. */
  public interface ReversedService {
    io.reactivex.rxjava3.core.Flowable<String> awaitCompletion(String jobId);

    String awaitCompletionBlocking(String jobId);

    io.reactivex.rxjava3.core.Single<String> retrieveAsync(String jobId);
  }

  @org.junit.jupiter.api.Test
  void namingRuleFlagsAReversedService() {
    List<JavaClass> reversed = List.of(new ClassFileImporter().importClass(ReversedService.class));

    assertThat(namingViolations(reversed))
        .hasSize(3)
        .anySatisfy(
            v -> assertThat(v).contains("awaitCompletion(java.lang.String) returns Flowable"))
        .anySatisfy(v -> assertThat(v).contains("awaitCompletionBlocking"))
        .anySatisfy(v -> assertThat(v).contains("has no blocking retrieve"));
  }

  private static Set<String> namingViolations(List<JavaClass> types) {
    Set<String> violations = new TreeSet<>();
    for (JavaClass type : types) {
      for (JavaMethod method : type.getMethods()) {
        if (!isPublicApi(method)) {
          continue;
        }
        String name = method.getName();
        String where = method.getFullName();
        if (reactive(method)
            && !name.endsWith("Async")
            && !name.startsWith("stream")
            && !operator(method)) {
          violations.add(
              where
                  + " returns "
                  + method.getRawReturnType().getSimpleName()
                  + " but is not named "
                  + name
                  + "Async");
        }
        if (name.endsWith("Async") && !reactive(method)) {
          violations.add(where + " is named *Async but does not return a reactive type");
        }
        if (name.endsWith("Async") && !hasBlockingTwin(type, method)) {
          violations.add(
              where
                  + " has no blocking "
                  + name.replaceFirst("Async$", "")
                  + " with the same parameters");
        }
        if (name.endsWith("Blocking")) {
          violations.add(where + ": a blocking method is named x, its reactive twin xAsync");
        }
      }
    }
    return violations;
  }

  /** An operator over a stream the caller passes (e.g. {@code ChatChunks.aggregate}). */
  private static boolean operator(JavaMethod method) {
    return method.getRawParameterTypes().stream().anyMatch(p -> REACTIVE.contains(p.getName()));
  }

  private static boolean hasBlockingTwin(JavaClass type, JavaMethod async) {
    String blocking = async.getName().replaceFirst("Async$", "");
    return type.getAllMethods().stream()
        .anyMatch(
            m ->
                m.getName().equals(blocking)
                    && m.getRawParameterTypes().equals(async.getRawParameterTypes())
                    && !reactive(m));
  }

  /**
   * Public exception constructors and static factories take at most {@value
   * #MAX_EXCEPTION_PARAMETERS} parameters and no boolean flag: more detail goes through a builder
   * ({@code LlmApiException.builder}) or a named factory ({@code LlmIoException.timeout}).
   */
  @ParameterizedTest
  @EnumSource(
      value = Module.class,
      names = {"SDK_API", "SDK_TRAINING", "SDK_OPENAI", "SDK_LOCAL", "SDK_SPRING_STARTER"})
  void exceptionsAreBuiltByBuildersOrNamedFactories(Module module) {
    Set<String> violations = new TreeSet<>();

    for (JavaClass type : publicApi(module)) {
      if (!type.isAssignableTo(Throwable.class)) {
        continue;
      }
      for (JavaCodeUnit unit : type.getCodeUnits()) {
        boolean factory =
            unit instanceof JavaMethod m
                && m.getModifiers().contains(JavaModifier.STATIC)
                && m.getRawReturnType().isAssignableTo(Throwable.class);
        if (!isPublicApi(unit) || !(unit.isConstructor() || factory)) {
          continue;
        }
        if (unit.getRawParameterTypes().size() > MAX_EXCEPTION_PARAMETERS) {
          violations.add(
              unit.getFullName()
                  + " takes "
                  + unit.getRawParameterTypes().size()
                  + " parameters; use a builder or named factories");
        }
        if (unit.getRawParameterTypes().stream()
            .anyMatch(
                p -> p.getName().equals("boolean") || p.getName().equals("java.lang.Boolean"))) {
          violations.add(unit.getFullName() + " takes a boolean flag; use a named factory");
        }
      }
    }

    assertThat(violations).isEmpty();
  }
}
