package dev.llmkit.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * Reports the version from the jar manifest, or "development build" when run from classes, the Java
 * version, and whether the local engine's Vector API kernels are available.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "llmkit " + (version != null ? version : "development build"),
      "Java " + System.getProperty("java.version"),
      "Vector API: "
          + (ModuleLayer.boot().findModule(VectorRelaunch.MODULE).isPresent()
              ? "on (" + VectorRelaunch.MODULE + ")"
              : "off (scalar local engine)")
    };
  }
}
