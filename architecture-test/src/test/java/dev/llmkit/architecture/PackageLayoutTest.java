package dev.llmkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import dev.llmkit.architecture.ModuleBoundariesTest.Module;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The provider modules' package trees say what is where (issue 14): every implementation of an
 * llmkit service interface in one {@code internal.service} package, and in sdk-local chat
 * templates, JSON, tokenizers and model forward passes each in their own package.
 */
class PackageLayoutTest {
  private static final String LOCAL = "dev.llmkit.local.internal.";
  private static final Pattern API_SERVICE =
      Pattern.compile("dev\\.llmkit\\.[a-z]+\\.[A-Z][A-Za-z]*Service");

  /** Classes implementing one of sdk-api's service interfaces (ChatService, FileService, ...). */
  private static final DescribedPredicate<JavaClass> API_SERVICE_IMPLEMENTATION =
      DescribedPredicate.describe(
          "implement an sdk-api service interface",
          type ->
              !type.isInterface()
                  && type.getAllRawInterfaces().stream()
                      .anyMatch(i -> API_SERVICE.matcher(i.getName()).matches()));

  private static JavaClasses local() {
    return Module.SDK_LOCAL.classes(false);
  }

  @ParameterizedTest
  @EnumSource(
      value = Module.class,
      names = {"SDK_OPENAI", "SDK_LOCAL"})
  void serviceImplementationsLiveInTheServicePackage(Module module) {
    classes()
        .that(API_SERVICE_IMPLEMENTATION)
        .should()
        .resideInAPackage(module.internal + ".service")
        .because("a provider's API side is found in one place")
        .check(module.classes(false));
  }

  @Test
  void chatTemplatesLiveInTheTemplatePackage() {
    classes()
        .that()
        .areAssignableTo(LOCAL + "template.ChatTemplate")
        .should()
        .resideInAPackage(LOCAL + "template")
        .check(local());
    classes()
        .that()
        .haveSimpleNameEndingWith("Template")
        .and()
        .resideInAPackage(LOCAL.substring(0, LOCAL.length() - 1) + "..")
        .and()
        .doNotHaveSimpleName("JinjaTemplate")
        .should()
        .resideInAPackage(LOCAL + "template")
        .because("chat templates have their own package; JinjaTemplate is the Jinja engine's")
        .check(local());
  }

  @Test
  void onlyChatTemplatesUseTheJinjaEngine() {
    noClasses()
        .that()
        .resideOutsideOfPackages(LOCAL + "template", LOCAL + "jinja")
        .and()
        .doNotHaveFullyQualifiedName("dev.llmkit.local.LocalChatTemplate")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(LOCAL + "jinja")
        .check(local());
  }

  @Test
  void jsonCodeLivesInTheJsonPackage() {
    classes()
        .that()
        .haveSimpleNameContaining("Json")
        .and()
        .doNotHaveFullyQualifiedName(LOCAL + "jinja.PyJson")
        .should()
        .resideInAPackage(LOCAL + "json")
        .because(
            "sdk-local's JSON writers and reader share one package and one quoting;"
                + " PyJson is Jinja's tojson filter (Python json.dumps options) built on them")
        .check(local());
  }

  @Test
  void tokenizersLiveInTheTokenizerPackage() {
    classes()
        .that()
        .haveSimpleNameEndingWith("Tokenizer")
        .and()
        .areTopLevelClasses()
        .should()
        .resideInAPackage(LOCAL + "tokenizer")
        .check(local());
  }

  @Test
  void bertLivesWithTheModels() {
    classes()
        .that()
        .haveSimpleNameStartingWith("Bert")
        .and()
        .areTopLevelClasses()
        .and()
        .doNotHaveFullyQualifiedName(LOCAL + "tokenizer.BertWords")
        .should()
        .resideInAPackage(LOCAL + "model")
        .because(
            "the BERT encoder is a model like the decoder (Llama) beside it; BertWords is the"
                + " WordPiece tokenizer's word splitter")
        .check(local());
  }
}
