package dev.llmkit.spring.internal;

import dev.llmkit.Capability;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Exposes one capability service of the {@link LlmClient} bean (the primary one, if there are
 * several), and only if the client offers it.
 *
 * <p>Spring learns a factory bean's product type from {@link #getObjectType()}. This class is
 * generic but declared raw on the {@code @Bean} methods, so Spring cannot read the type from the
 * signature and asks the instance, which answers {@code null} (no product, hence no bean of the
 * service type) when {@link LlmClient#capabilities()} lacks the capability. No bean that throws
 * {@link dev.llmkit.UnsupportedCapabilityException} is ever visible to injection.
 *
 * <p>When the client cannot be created (no provider chosen, a missing key, a bad property value, a
 * missing model file), the answer is the service type, not {@code null}: injecting the service then
 * fails with the client's own exception, so start-up ends with llmkit's failure report rather than
 * "required a bean of type ChatService that could not be found".
 *
 * <p>Spring may ask the type while the client itself is being created (resolving the client's
 * constructor arguments by type), or from inside another type lookup. The client is therefore found
 * by bean name, without a by-type lookup that would ask this bean again, and the answer is {@code
 * null} for that moment only.
 *
 * @param <T> the service interface
 */
public final class CapabilityServiceFactoryBean<T> implements FactoryBean<T> {
  private static final ThreadLocal<Boolean> RESOLVING = new ThreadLocal<>();

  private final ListableBeanFactory beanFactory;
  private final Capability capability;
  private final AtomicReference<@Nullable BeansException> clientFailure;
  private @Nullable String clientBeanName;

  /**
   * The bean factory is a constructor argument, not {@code BeanFactoryAware}: Spring asks the type
   * of an instance it created for a type check before initializing it.
   */
  public CapabilityServiceFactoryBean(ListableBeanFactory beanFactory, Capability capability) {
    this(beanFactory, capability, new AtomicReference<>());
  }

  /**
   * As above, sharing {@code clientFailure} with the other service beans of one context: the first
   * failure to create the client is kept there and reported by all of them, so that a client whose
   * creation is slow to fail (a model download retried without network) is not created again for
   * every service type Spring asks about.
   */
  public CapabilityServiceFactoryBean(
      ListableBeanFactory beanFactory,
      Capability capability,
      AtomicReference<@Nullable BeansException> clientFailure) {
    this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory == null");
    this.capability = Objects.requireNonNull(capability, "capability == null");
    this.clientFailure = Objects.requireNonNull(clientFailure, "clientFailure == null");
  }

  /** The capability this bean exposes. */
  public Capability capability() {
    return capability;
  }

  @Override
  public @Nullable Class<?> getObjectType() {
    if (RESOLVING.get() != null) {
      return null;
    }
    if (clientFailure.get() != null) {
      return serviceType(capability);
    }
    RESOLVING.set(Boolean.TRUE);
    try {
      LlmClient client = clientIfReady();
      return client != null && client.supports(capability) ? serviceType(capability) : null;
    } catch (BeansException e) {
      // The client failed (a misconfiguration). Claim the type so that an application injecting
      // this service gets a bean whose creation rethrows the client's failure, which llmkit's
      // failure analyzers report, instead of Spring's "no bean of type ChatService".
      clientFailure.compareAndSet(null, e);
      return serviceType(capability);
    } finally {
      RESOLVING.remove();
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T getObject() {
    BeansException failed = clientFailure.get();
    if (failed != null) {
      throw failed;
    }
    LlmClient client = clientIfReady();
    if (client == null) {
      throw new IllegalStateException(
          "no single LlmClient bean for the " + capability.id() + " service");
    }
    return (T) service(client, capability);
  }

  @Override
  public boolean isSingleton() {
    return true;
  }

  private @Nullable LlmClient clientIfReady() {
    ListableBeanFactory factory = beanFactory;
    String name = clientBeanName;
    if (name == null) {
      String[] names = factory.getBeanNamesForType(LlmClient.class, true, false);
      if (names.length > 1 && factory instanceof ConfigurableListableBeanFactory) {
        ConfigurableListableBeanFactory listable = (ConfigurableListableBeanFactory) factory;
        names =
            Arrays.stream(names)
                .filter(
                    n ->
                        listable.containsBeanDefinition(n)
                            && listable.getBeanDefinition(n).isPrimary())
                .toArray(String[]::new);
      }
      if (names.length != 1) {
        return null;
      }
      name = names[0];
      clientBeanName = name;
    }
    if (factory instanceof ConfigurableBeanFactory
        && ((ConfigurableBeanFactory) factory).isCurrentlyInCreation(name)) {
      return null;
    }
    return factory.getBean(name, LlmClient.class);
  }

  /** The service interface of {@code capability}. */
  public static Class<?> serviceType(Capability capability) {
    switch (capability) {
      case CHAT:
        return ChatService.class;
      case COMPLETIONS:
        return CompletionService.class;
      case EMBEDDINGS:
        return EmbeddingService.class;
      case FILES:
        return FileService.class;
      case FINE_TUNING:
        return FineTuningService.class;
      case MODERATION:
        return ModerationService.class;
      case MODELS:
        return ModelService.class;
      default:
        throw new IllegalArgumentException("unknown capability " + capability);
    }
  }

  private static Object service(LlmClient client, Capability capability) {
    switch (capability) {
      case CHAT:
        return client.chat();
      case COMPLETIONS:
        return client.completions();
      case EMBEDDINGS:
        return client.embeddings();
      case FILES:
        return client.files();
      case FINE_TUNING:
        return client.fineTuning();
      case MODERATION:
        return client.moderation();
      case MODELS:
        return client.models();
      default:
        throw new IllegalArgumentException("unknown capability " + capability);
    }
  }

  @Override
  public String toString() {
    return "CapabilityServiceFactoryBean[" + capability.id() + "]";
  }
}
