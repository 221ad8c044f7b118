package dev.llmkit.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a user's build resolves next to sdk-openai: the OkHttp llmkit is built with, and the Okio
 * and Kotlin standard library that this OkHttp declares in its own pom, one version each on the
 * runtime classpath. The expected versions are read from the root pom ({@code okhttp.version},
 * {@code kotlin.version}) and from OkHttp's published pom next to its jar, never written here.
 * Shared by the modules of consumer-tests/, each a differently set-up user build.
 */
class ClasspathVersionsTest {
  private static final Pattern JAR = Pattern.compile("([A-Za-z0-9_.-]+?)-(\\d[^/]*?)\\.jar");

  @Test
  void okHttpIsTheVersionLlmkitIsBuiltWith() throws IOException {
    String expected = rootPomProperty("okhttp.version");
    assertEquals(expected, okhttp3.OkHttp.VERSION, "okhttp3.OkHttp.VERSION at run time");
    assertEquals(expected, jarVersion(okhttp3.OkHttpClient.class), "okhttp-jvm jar");
    assertEquals(List.of(expected), versionsOnClasspath("okhttp"), "okhttp jars on the classpath");
    assertEquals(List.of(expected), versionsOnClasspath("okhttp-jvm"), "okhttp-jvm jars");
    assertEquals(List.of(expected), versionsOnClasspath("okhttp-sse"), "okhttp-sse jars");
  }

  @Test
  void kotlinStdlibIsTheOneOkHttpDeclares() throws IOException {
    String declared = okHttpPomDependency("kotlin-stdlib");
    assertEquals(declared, kotlin.KotlinVersion.CURRENT.toString(), "KotlinVersion.CURRENT");
    assertEquals(
        List.of(declared),
        versionsOnClasspath("kotlin-stdlib"),
        "kotlin-stdlib jars on the classpath");
    assertEquals(
        rootPomProperty("kotlin.version"),
        declared,
        "the root pom's kotlin.version (what sdk-openai declares) vs OkHttp's pom");
  }

  @Test
  void kotlinStdlibIsAtLeastWhatOkHttpWasCompiledWith() {
    int[] mv = okhttp3.OkHttpClient.class.getAnnotation(kotlin.Metadata.class).mv();
    assertTrue(
        kotlin.KotlinVersion.CURRENT.isAtLeast(mv[0], mv[1]),
        "OkHttp's classes carry Kotlin metadata "
            + mv[0]
            + "."
            + mv[1]
            + ", the standard library at run time is "
            + kotlin.KotlinVersion.CURRENT);
  }

  @Test
  void okioIsTheOneOkHttpDeclares() throws IOException {
    String declared = okHttpPomDependency("okio-jvm");
    assertEquals(declared, jarVersion(okio.Buffer.class), "okio-jvm jar");
    assertEquals(List.of(declared), versionsOnClasspath("okio-jvm"), "okio-jvm jars");
  }

  /** A property of llmkit's root pom, the one place the build pins its versions. */
  private static String rootPomProperty(String name) throws IOException {
    String pom = Files.readString(Path.of(System.getProperty("llmkit.root.pom")));
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertTrue(m.find(), "the root pom has no <" + name + ">");
    return m.group(1).trim();
  }

  /** The version of {@code artifactId} that okhttp-jvm's pom (next to its jar) declares. */
  private static String okHttpPomDependency(String artifactId) throws IOException {
    Path jar = jarOf(okhttp3.OkHttpClient.class);
    Path pom = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".pom"));
    String text = Files.readString(pom);
    Matcher m =
        Pattern.compile(
                "<artifactId>"
                    + Pattern.quote(artifactId)
                    + "</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(text);
    assertTrue(m.find(), pom + " declares no " + artifactId);
    return m.group(1).trim();
  }

  private static String jarVersion(Class<?> type) {
    Path jar = jarOf(type);
    Matcher m = JAR.matcher(jar.getFileName().toString());
    assertTrue(m.matches(), type + " does not come from a versioned jar: " + jar);
    return m.group(2);
  }

  private static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** The versions of the jars named {@code artifactId-VERSION.jar} on the test classpath. */
  private static List<String> versionsOnClasspath(String artifactId) {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Map<String, String> found = new TreeMap<>();
    for (String entry : cp.split(java.io.File.pathSeparator)) {
      Matcher m = JAR.matcher(Path.of(entry).getFileName().toString());
      if (m.matches() && m.group(1).equals(artifactId)) {
        found.put(m.group(2), entry);
      }
    }
    return new ArrayList<>(found.keySet());
  }
}
