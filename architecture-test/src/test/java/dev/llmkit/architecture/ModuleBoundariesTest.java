package dev.llmkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The house rules on module boundaries (STYLE.md, issue 14), checked on the compiled classes of
 * every module, main and test, as the reactor left them in each module's {@code target/}.
 */
class ModuleBoundariesTest {
  /** Every module, with its own internal package (null: it has none). */
  enum Module {
    SDK_API("sdk-api", "dev.llmkit.internal"),
    SDK_TRAINING("sdk-training", "dev.llmkit.training.internal"),
    SDK_OPENAI("sdk-openai", "dev.llmkit.openai.internal"),
    SDK_LOCAL("sdk-local", "dev.llmkit.local.internal"),
    SDK_SPRING_STARTER("sdk-spring-starter", "dev.llmkit.spring.internal"),
    SDK_SPRING_STARTER_BOOT4_TEST("sdk-spring-starter-boot4-test", null),
    EXAMPLES("examples", null),
    EXAMPLES_SPRING_BOOT_APP("examples/spring-boot-app", null),
    CLI("cli", "dev.llmkit.cli.internal"),
    /**
     * Held to the internals rule like every module: what times sdk-local's internals lives in
     * sdk-local's own test sources ({@code dev.llmkit.local.bench}).
     */
    BENCHMARKS("benchmarks", null);

    final String dir;
    final String internal;

    Module(String dir, String internal) {
      this.dir = dir;
      this.internal = internal;
    }

    /** The module's compiled classes; {@code test} for its test classes. */
    JavaClasses classes(boolean test) {
      Path root =
          Path.of("..").resolve(dir).resolve("target").resolve(test ? "test-classes" : "classes");
      assertThat(root).as("compiled classes of %s (build the module first)", dir).isDirectory();
      return new ClassFileImporter().importPath(root);
    }

    boolean hasTests() {
      return Files.isDirectory(Path.of("..").resolve(dir).resolve("src/test/java"));
    }

    boolean hasMain() {
      return Files.isDirectory(Path.of("..").resolve(dir).resolve("src/main/java"));
    }
  }

  /** The internal packages of all modules but {@code module}. */
  private static String[] othersInternals(Module module) {
    return Stream.of(Module.values())
        .filter(m -> m != module && m.internal != null)
        .map(m -> m.internal + "..")
        .toArray(String[]::new);
  }

  /** No class of {@code module} may depend on a class in another module's internal package. */
  static ArchRule usesOnlyOthersPublicApi(Module module, boolean tests) {
    return noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(othersInternals(module))
        .because(
            module.dir
                + (tests ? "'s tests" : "")
                + " must use only the public API of other modules");
  }

  @ParameterizedTest
  @EnumSource(Module.class)
  void noModuleUsesAnotherModulesInternals(Module module) {
    if (module.hasMain()) {
      usesOnlyOthersPublicApi(module, false).check(module.classes(false));
    }
    if (module.hasTests()) {
      usesOnlyOthersPublicApi(module, true).check(module.classes(true));
    }
  }

  /** Code that uses sdk-local's internals, as the benchmarks module's code did until 0.1.0. */
  static final class UsesSdkLocalInternals {
    int bytesOfQ8_0Block() {
      return dev.llmkit.local.internal.gguf.GgmlType.Q8_0.typeSize();
    }
  }

  @Test
  void theInternalsRuleFlagsAnotherModulesInternalsButNotTheModulesOwn() {
    JavaClasses code = new ClassFileImporter().importClasses(UsesSdkLocalInternals.class);

    assertThat(usesOnlyOthersPublicApi(Module.BENCHMARKS, false).evaluate(code).hasViolation())
        .as("in the benchmarks module")
        .isTrue();
    assertThat(usesOnlyOthersPublicApi(Module.SDK_LOCAL, true).evaluate(code).hasViolation())
        .as("in sdk-local's own tests")
        .isFalse();
  }

  @Test
  void sdkApiDependsOnNoOtherModuleOfOurs() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.llmkit.openai..",
            "dev.llmkit.local..",
            "dev.llmkit.training..",
            "dev.llmkit.spring..",
            "dev.llmkit.cli..",
            "dev.llmkit.examples..",
            "dev.llmkit.benchmarks..")
        .check(Module.SDK_API.classes(false));
  }

  @Test
  void providersDependNeitherOnEachOtherNorOnSpring() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.llmkit.local..", "dev.llmkit.spring..", "org.springframework..")
        .check(Module.SDK_OPENAI.classes(false));
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.llmkit.openai..",
            "dev.llmkit.spring..",
            "org.springframework..",
            "retrofit2..",
            "okhttp3..")
        .check(Module.SDK_LOCAL.classes(false));
  }

  /** Retrofit, OkHttp, Jackson and Spring stay implementation details of the SDK modules. */
  @ParameterizedTest
  @EnumSource(
      value = Module.class,
      names = {"SDK_API", "SDK_TRAINING", "SDK_OPENAI", "SDK_LOCAL"})
  void publicSignaturesExposeNoThirdPartyFrameworkTypes(Module module) {
    Set<String> exposed = new TreeSet<>();
    for (JavaClass type : module.classes(false)) {
      if (!type.getModifiers().contains(JavaModifier.PUBLIC)
          || isInternal(type)
          || type.getEnclosingClass()
              .map(c -> !c.getModifiers().contains(JavaModifier.PUBLIC))
              .orElse(false)) {
        continue;
      }
      List<String> involved = new ArrayList<>();
      for (JavaCodeUnit unit : type.getCodeUnits()) {
        if (unit.getModifiers().contains(JavaModifier.PUBLIC)
            || unit.getModifiers().contains(JavaModifier.PROTECTED)) {
          unit.getReturnType()
              .getAllInvolvedRawTypes()
              .forEach(t -> involved.add(t.getName() + " in " + unit.getFullName()));
          unit.getParameterTypes()
              .forEach(
                  p ->
                      p.getAllInvolvedRawTypes()
                          .forEach(t -> involved.add(t.getName() + " in " + unit.getFullName())));
        }
      }
      for (JavaField field : type.getFields()) {
        if (field.getModifiers().contains(JavaModifier.PUBLIC)) {
          field
              .getType()
              .getAllInvolvedRawTypes()
              .forEach(t -> involved.add(t.getName() + " in " + field.getFullName()));
        }
      }
      type.getSuperclass()
          .ifPresent(
              s ->
                  s.getAllInvolvedRawTypes()
                      .forEach(
                          t -> involved.add(t.getName() + " as superclass of " + type.getName())));
      type.getInterfaces()
          .forEach(
              i ->
                  i.getAllInvolvedRawTypes()
                      .forEach(
                          t -> involved.add(t.getName() + " as interface of " + type.getName())));
      involved.stream().filter(ModuleBoundariesTest::isFramework).forEach(exposed::add);
    }
    assertThat(exposed).as("framework types in the public API of %s", module.dir).isEmpty();
  }

  private static boolean isInternal(JavaClass type) {
    return type.getPackageName().contains(".internal");
  }

  private static boolean isFramework(String description) {
    return Stream.of(
            "retrofit2.", "okhttp3.", "okio.", "com.fasterxml.jackson.", "org.springframework.")
        .anyMatch(description::startsWith);
  }

  @Test
  void everyModuleOfTheBuildIsChecked() throws Exception {
    String pom = Files.readString(Path.of("..", "pom.xml"));
    Set<String> declared = new TreeSet<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    while (m.find()) {
      declared.add(m.group(1));
    }
    Set<String> checked = new TreeSet<>();
    Stream.of(Module.values()).forEach(module -> checked.add(module.dir));
    declared.removeAll(Set.of("sdk-bom", "architecture-test"));
    // User-style builds without llmkit code of their own: they only check resolved versions.
    declared.removeIf(dir -> dir.startsWith("consumer-tests/"));

    assertThat(checked).containsExactlyInAnyOrderElementsOf(declared);
  }
}
