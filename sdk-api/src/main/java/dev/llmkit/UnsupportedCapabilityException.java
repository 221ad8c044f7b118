package dev.llmkit;

/** The provider does not offer a capability, or is not configured for it. */
public class UnsupportedCapabilityException extends LlmException {
  private static final long serialVersionUID = 1L;

  private final Capability capability;

  public UnsupportedCapabilityException(String provider, Capability capability) {
    this(provider, capability, "provider '" + provider + "' does not support " + capability.id());
  }

  public UnsupportedCapabilityException(String provider, Capability capability, String message) {
    super(provider, message);
    this.capability = capability;
  }

  public Capability capability() {
    return capability;
  }
}
