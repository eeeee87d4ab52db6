package io.dqgate.rules.check;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every check kind, found from the sealed hierarchy: each class {@link DataCheck} or {@link
 * Diagnostic} permits declares its {@link CheckKind} descriptors as static fields. Adding a kind is
 * adding its file and its name to a {@code permits} clause; CheckKindsTest proves each permitted
 * class has a descriptor.
 */
public final class CheckKinds {
  private static final Map<String, CheckKind<?>> BY_KEYWORD = load();

  private CheckKinds() {}

  /** Every kind, data checks first, in {@code permits} order. */
  public static List<CheckKind<?>> all() {
    return List.copyOf(BY_KEYWORD.values());
  }

  /** The kind of {@code keyword}, or null. */
  public static CheckKind<?> of(String keyword) {
    return BY_KEYWORD.get(keyword);
  }

  /** Keyword → keys, of data checks ({@code diagnostic} false) or diagnostics. */
  public static Map<String, List<String>> keys(boolean diagnostic) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (CheckKind<?> kind : BY_KEYWORD.values()) {
      if (kind.diagnostic() == diagnostic) {
        keys.put(kind.keyword(), kind.keys());
      }
    }
    return Collections.unmodifiableMap(keys);
  }

  /** The descriptors a kind class declares (static final fields of type CheckKind). */
  static List<CheckKind<?>> declaredBy(Class<?> kindClass) {
    List<CheckKind<?>> kinds = new ArrayList<>();
    for (Field f : kindClass.getDeclaredFields()) {
      if (f.getType() == CheckKind.class && Modifier.isStatic(f.getModifiers())) {
        try {
          kinds.add((CheckKind<?>) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(
              "Cannot read " + kindClass.getSimpleName() + "." + f.getName(), e);
        }
      }
    }
    return kinds;
  }

  static List<Class<?>> kindClasses() {
    List<Class<?>> classes = new ArrayList<>(List.of(DataCheck.class.getPermittedSubclasses()));
    classes.addAll(List.of(Diagnostic.class.getPermittedSubclasses()));
    return classes;
  }

  private static Map<String, CheckKind<?>> load() {
    Map<String, CheckKind<?>> byKeyword = new LinkedHashMap<>();
    for (Class<?> kindClass : kindClasses()) {
      for (CheckKind<?> kind : declaredBy(kindClass)) {
        if (byKeyword.putIfAbsent(kind.keyword(), kind) != null) {
          throw new IllegalStateException(
              "Cannot register check kind " + kind.keyword() + " because it is declared twice");
        }
      }
    }
    return Collections.unmodifiableMap(byKeyword);
  }
}
