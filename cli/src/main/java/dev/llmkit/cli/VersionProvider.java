package dev.llmkit.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest, or "development build" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"llmkit " + (version != null ? version : "development build"),
        "Java " + System.getProperty("java.version")};
  }
}
