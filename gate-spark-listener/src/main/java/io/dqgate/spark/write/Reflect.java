package io.dqgate.spark.write;

/**
 * Reads fields of plan nodes from optional jars (Delta) by accessor name, so the gate compiles,
 * loads and runs without them. Every failure is a null, which the adapter turns into "cannot
 * check".
 */
final class Reflect {
  private Reflect() {}

  static Object call(Object target, String accessor) {
    if (target == null) {
      return null;
    }
    try {
      return target.getClass().getMethod(accessor).invoke(target);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** Unwraps a {@code scala.Option}: null when empty or when {@code value} is not an Option. */
  static Object option(Object value) {
    return value instanceof scala.Option<?> o && o.isDefined() ? o.get() : null;
  }
}
