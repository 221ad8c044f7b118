package dev.llmkit.spring.internal.metrics;

import dev.llmkit.Capability;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Records {@code llmkit.requests} and {@code llmkit.errors} around every method of a service
 * without usage data (files, fine-tuning, moderation, models), whatever methods the interface gains
 * later. Each call on the proxy is one measurement; a {@link Flowable} or {@link Single} result is
 * measured per subscription.
 */
final class MeteredServiceProxy implements InvocationHandler {
  private final Object delegate;

  /** Answers of these services carry no usage, and their model is not tagged. */
  private static <T> LlmMeters.Answer<T> nothing() {
    return new LlmMeters.Answer<>(item -> Optional.empty(), item -> null);
  }

  private final Capability capability;
  private final LlmMeters meters;

  private MeteredServiceProxy(Object delegate, Capability capability, LlmMeters meters) {
    this.delegate = delegate;
    this.capability = capability;
    this.meters = meters;
  }

  static <T> T wrap(Class<T> type, T delegate, Capability capability, LlmMeters meters) {
    Objects.requireNonNull(delegate, "delegate == null");
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            new MeteredServiceProxy(delegate, capability, meters));
    return type.cast(proxy);
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args)
      throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      switch (method.getName()) {
        case "equals":
          return args != null && proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          return "Metered[" + delegate + "]";
      }
    }
    if (method.getReturnType() == Flowable.class) {
      Flowable<?> source =
          (Flowable<?>)
              Objects.requireNonNull(
                  invokeDelegate(method, args),
                  () -> delegate + "." + method.getName() + " returned null");
      return meters.stream(capability, null, source, nothing(), false);
    }
    if (method.getReturnType() == Single.class) {
      Single<?> source =
          (Single<?>)
              Objects.requireNonNull(
                  invokeDelegate(method, args),
                  () -> delegate + "." + method.getName() + " returned null");
      return meters.single(capability, null, source, nothing());
    }
    return meters.call(capability, null, () -> invokeUnchecked(method, args), nothing());
  }

  private @Nullable Object invokeUnchecked(Method method, @Nullable Object[] args) {
    try {
      return invokeDelegate(method, args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private @Nullable Object invokeDelegate(Method method, @Nullable Object[] args) throws Throwable {
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
