package io.dqgate.spark.runtime;

import java.util.ServiceLoader;

/**
 * Test seam, not a feature: lets a test make the gate's own code fail inside a guarded section
 * ({@link Guard#run}) — the optimizer rule, the commit protocol, the check rules, the listener — to
 * prove what fail-open and fail-closed do. The shipped jar holds no implementation, so {@link
 * #load()} finds none and the gate runs {@link #NONE}; the tests' implementation is registered by a
 * {@code META-INF/services} file under {@code src/test}.
 */
interface FaultInjector {
  /** Called inside the guarded section {@code where}, before its body; a throw is the fault. */
  void before(String where);

  FaultInjector NONE = where -> {};

  /** The implementation a test put on the classpath, or {@link #NONE}. */
  static FaultInjector load() {
    for (FaultInjector injector :
        ServiceLoader.load(FaultInjector.class, FaultInjector.class.getClassLoader())) {
      return injector;
    }
    return NONE;
  }
}
