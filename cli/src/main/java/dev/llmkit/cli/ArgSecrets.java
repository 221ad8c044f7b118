package dev.llmkit.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the values on a raw command line that must never be printed, before picocli has parsed it:
 * an error about a misplaced or misspelt option ({@code llmkit --api-key sk-… chat}, {@code
 * --apikey=sk-…}) quotes the arguments verbatim. A value is secret when it follows an option whose
 * name marks a credential ({@link #isSecretName}), as {@code --name value} or {@code --name=value};
 * when it is the value part of a {@code -D}/{@code --set} setting with such a name ({@code
 * -Dllmkit.openai.api-key=…}, also with {@code :} instead of {@code =}); when it is the password of
 * a {@code user:password@} URL; or when it looks like an OpenAI key ({@code sk-…}).
 */
final class ArgSecrets {
  private static final Pattern OPENAI_KEY = Pattern.compile("sk-[A-Za-z0-9_\\-]{8,}");

  /** The password of a {@code scheme://user:password@host} URL. */
  private static final Pattern URL_PASSWORD = Pattern.compile("://[^/@\\s:]*:([^/@\\s]+)@");

  private ArgSecrets() {}

  /** The secret values among {@code args}. */
  static Set<String> of(List<String> args) {
    Set<String> secrets = new LinkedHashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      var key = OPENAI_KEY.matcher(arg);
      while (key.find()) {
        secrets.add(key.group());
      }
      var password = URL_PASSWORD.matcher(arg);
      while (password.find()) {
        secrets.add(password.group(1));
      }
      if (arg.equals("--")) {
        continue;
      }
      boolean set = arg.equals("-D") || arg.equals("--set");
      if (set && i + 1 < args.size()) {
        addSetting(args.get(++i), secrets);
      } else if (arg.startsWith("--set=")) {
        addSetting(arg.substring("--set=".length()), secrets);
      } else if (arg.startsWith("-D") && !arg.startsWith("--")) {
        addSetting(arg.substring(2), secrets);
      } else if (arg.startsWith("-")) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        if (isSecretName(name)) {
          if (eq >= 0) {
            secrets.add(arg.substring(eq + 1));
          } else if (i + 1 < args.size()) {
            secrets.add(args.get(++i));
          }
        }
      }
    }
    secrets.removeIf(s -> s.strip().length() < 4);
    return secrets;
  }

  /** A {@code -D} value: {@code name=value} or {@code name:value}. */
  private static void addSetting(String setting, Set<String> secrets) {
    int sep = separator(setting);
    if (sep > 0 && isSecretName(setting.substring(0, sep))) {
      secrets.add(setting.substring(sep + 1));
    }
  }

  private static int separator(String setting) {
    int eq = setting.indexOf('=');
    int colon = setting.indexOf(':');
    if (eq < 0) {
      return colon;
    }
    return colon < 0 ? eq : Math.min(eq, colon);
  }

  /**
   * Whether an option or setting of this name carries a credential: it contains {@code key}, {@code
   * secret}, {@code password}, {@code passwd}, {@code credential} or {@code auth}, or ends with
   * {@code token} ({@code --max-tokens} does not).
   */
  static boolean isSecretName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return n.contains("key")
        || n.contains("secret")
        || n.contains("password")
        || n.contains("passwd")
        || n.contains("credential")
        || n.contains("auth")
        || n.endsWith("token");
  }
}
