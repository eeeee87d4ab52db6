package io.dqgate.spark.write;

import java.lang.reflect.Method;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;

/**
 * Guarded reflection over plan nodes of optional jars (spark-hive, Delta, Iceberg): their classes
 * are not on dqgate's compile classpath and may be absent or of another version at run time. A
 * missing class, method or a value of another type reads as null, never as an exception.
 */
final class Reflected {
  private Reflected() {}

  /** {@code target.name()}, or null when there is no such method or it fails. */
  static Object call(Object target, String name) {
    if (target == null) {
      return null;
    }
    try {
      Method m = target.getClass().getMethod(name);
      return m.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** Unwraps a {@code scala.Option}: null when empty or when {@code value} is not an Option. */
  static Object option(Object value) {
    return value instanceof scala.Option<?> o && o.isDefined() ? o.get() : null;
  }

  /** {@code target.name()} when it is a {@code CatalogTable} (or an {@code Option} of one). */
  static CatalogTable table(Object target, String name) {
    Object value = call(target, name);
    if (value instanceof scala.Option<?> option) {
      value = option.isDefined() ? option.get() : null;
    }
    return value instanceof CatalogTable table ? table : null;
  }

  /** True when {@code node}'s class is exactly {@code className}. */
  static boolean is(Object node, String className) {
    return node != null && node.getClass().getName().equals(className);
  }
}
