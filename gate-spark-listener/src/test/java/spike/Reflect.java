package spike;

/**
 * Reads fields of optional modules' plan nodes (spark-hive, Delta, Iceberg) by accessor name, so
 * the gate compiles and loads without them. Every failure is a null: the caller reports "cannot
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
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  /** Unwraps a scala.Option (null when empty or when the value is not an Option). */
  static Object option(Object value) {
    return value instanceof scala.Option<?> o && o.isDefined() ? o.get() : null;
  }

  static boolean isA(Object node, String className) {
    for (Class<?> c = node.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }
}
