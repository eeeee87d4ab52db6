package io.dqgate.spark.runtime;

/**
 * The tests' {@link FaultInjector} (registered in src/test/resources/META-INF/services): throws
 * {@link InjectedFault} in the guarded sections whose description starts with the armed prefix.
 * In-process tests arm it with {@link #arm}; a SparkSubmit run arms it with the environment
 * variable {@value #ENV} (the IT packs this class into a jar of its own).
 */
public final class TestFaults implements FaultInjector {
  public static final String ENV = "DQGATE_TEST_FAULT";

  /** What the gate's own code would throw had it a bug there. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(String where) {
      super("injected fault in " + where);
    }
  }

  private static volatile String armed = System.getenv(ENV);

  public TestFaults() {}

  /** An armed fault; closing it disarms. */
  public interface Armed extends AutoCloseable {
    @Override
    void close();
  }

  /** Faults every guarded section whose description starts with {@code where} until closed. */
  public static Armed arm(String where) {
    armed = where;
    return () -> armed = null;
  }

  @Override
  public void before(String where) {
    String prefix = armed;
    if (prefix != null && !prefix.isEmpty() && where.startsWith(prefix)) {
      throw new InjectedFault(where);
    }
  }
}
