package io.dqgate.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * report.json's objects that mirror a result record field for field: each record component is the
 * JSON field of the same name, in declaration order. Components whose JSON is not their plain value
 * (an enum spelled as a keyword, an identity written twice for 1.0 readers) get a custom writer and
 * reader; fields derived for consumers are written after the components and never read.
 *
 * <p>Renaming a component renames a field of the published schema: the golden file and the schema
 * validation in {@code JsonReportTest} fail, and {@code report-schema-*.json} must follow.
 */
final class RecordJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordJson() {}

  /** Writes one field (or several, or none) of {@code record} into {@code n}. */
  interface FieldWriter<R> {
    void write(ObjectNode n, R record);
  }

  /** Reads one component's value from the object {@code n} at JSON path {@code p}. */
  interface FieldReader {
    Object read(JsonNode n, String p);
  }

  /** A number as report.json spells it: non-finite values as strings, null as null. */
  static JsonNode number(Double value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value.isNaN()) {
      return NODES.textNode(JsonFields.NAN);
    }
    if (value.isInfinite()) {
      return NODES.textNode(
          value > 0 ? JsonFields.POSITIVE_INFINITY : JsonFields.NEGATIVE_INFINITY);
    }
    return NODES.numberNode(value);
  }

  /** Writes records of one type; nested record types are written by their registered writers. */
  static final class Writer<R extends Record> {
    private final Class<R> type;
    private final Map<String, FieldWriter<R>> custom = new HashMap<>();
    private final List<FieldWriter<R>> derived = new ArrayList<>();
    private final Map<Class<?>, Writer<?>> nested = new HashMap<>();

    Writer(Class<R> type) {
      this.type = type;
    }

    /** {@code component} is written by {@code writer} instead of as its plain value. */
    Writer<R> custom(String component, FieldWriter<R> writer) {
      requireComponent(type, component);
      custom.put(component, writer);
      return this;
    }

    /** Fields computed for consumers, written after the components. */
    Writer<R> derived(FieldWriter<R> writer) {
      derived.add(writer);
      return this;
    }

    /** Components of {@code writer}'s record type are written as objects by it. */
    Writer<R> nested(Writer<?> writer) {
      nested.put(writer.type, writer);
      return this;
    }

    JsonNode write(R record) {
      if (record == null) {
        return NODES.nullNode();
      }
      ObjectNode n = NODES.objectNode();
      for (RecordComponent c : type.getRecordComponents()) {
        FieldWriter<R> w = custom.get(c.getName());
        if (w != null) {
          w.write(n, record);
        } else {
          n.set(c.getName(), plain(c, value(c, record)));
        }
      }
      derived.forEach(w -> w.write(n, record));
      return n;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private JsonNode plain(RecordComponent c, Object v) {
      if (v == null) {
        return NODES.nullNode();
      }
      if (v instanceof String s) {
        return NODES.textNode(s);
      }
      if (v instanceof Double d) {
        return number(d);
      }
      if (v instanceof Long || v instanceof Integer) {
        return NODES.numberNode(((Number) v).longValue());
      }
      if (v instanceof Boolean b) {
        return NODES.booleanNode(b);
      }
      if (v instanceof Instant i) {
        return NODES.textNode(i.toString());
      }
      if (v instanceof Enum<?> e) {
        return NODES.textNode(e.name());
      }
      if (v instanceof Map<?, ?> map) {
        ObjectNode o = NODES.objectNode();
        map.forEach((k, x) -> o.set(String.valueOf(k), number((Double) x)));
        return o;
      }
      Writer w = nested.get(c.getType());
      if (w == null) {
        throw new IllegalStateException(
            type.getSimpleName() + "." + c.getName() + " has no JSON form");
      }
      return w.write((Record) v);
    }
  }

  /** Reads records of one type through their canonical constructor. */
  static final class Reader<R extends Record> {
    private final Class<R> type;
    private final StrictJson json;
    private final Map<String, FieldReader> custom = new HashMap<>();
    private final Map<Class<?>, Reader<?>> nested = new HashMap<>();
    private Set<String> required = Set.of();

    Reader(Class<R> type, StrictJson json) {
      this.type = type;
      this.json = json;
    }

    /** {@code component} is read by {@code reader} instead of as its plain value. */
    Reader<R> custom(String component, FieldReader reader) {
      requireComponent(type, component);
      custom.put(component, reader);
      return this;
    }

    /** Text components that must not be null (primitives always must). */
    Reader<R> required(String... components) {
      for (String c : components) {
        requireComponent(type, c);
      }
      required = Set.of(components);
      return this;
    }

    /** Components of {@code reader}'s record type are read as objects by it. */
    Reader<R> nested(Reader<?> reader) {
      nested.put(reader.type, reader);
      return this;
    }

    /** The record at path {@code p}; null for a JSON null. */
    R read(JsonNode n, String p) {
      if (n == null || n.isNull()) {
        return null;
      }
      json.requireObject(n, p);
      RecordComponent[] components = type.getRecordComponents();
      Object[] args = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        types[i] = c.getType();
        FieldReader r = custom.get(c.getName());
        args[i] = r != null ? r.read(n, p) : plain(c, n, p);
      }
      try {
        Constructor<R> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        throw json.fail(p, "does not make a valid " + type.getSimpleName() + ": " + e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(type + " has no canonical constructor", e);
      }
    }

    private Object plain(RecordComponent c, JsonNode n, String p) {
      String f = c.getName();
      Class<?> t = c.getType();
      if (t == String.class) {
        return json.text(n, f, p, !required.contains(f));
      }
      if (t == long.class) {
        return json.integer(n, f, p);
      }
      if (t == int.class) {
        return (int) json.integer(n, f, p);
      }
      if (t == Long.class) {
        return json.optLong(n, f, p);
      }
      if (t == Double.class) {
        return json.optNumber(n, f, p);
      }
      if (t == boolean.class) {
        return json.bool(n, f, p);
      }
      if (t == Instant.class) {
        return json.instant(n, f, p);
      }
      if (t == Map.class && isDoubleMap(c)) {
        return doubles(n, f, p);
      }
      Reader<?> r = nested.get(t);
      if (r == null) {
        throw new IllegalStateException(type.getSimpleName() + "." + f + " has no JSON form");
      }
      return r.read(json.present(n, f, p), p + "." + f);
    }

    private Map<String, Double> doubles(JsonNode parent, String f, String p) {
      JsonNode n = json.present(parent, f, p);
      if (n.isNull()) {
        return null;
      }
      String mp = p + "." + f;
      json.requireObject(n, mp);
      Map<String, Double> out = new LinkedHashMap<>();
      n.fieldNames().forEachRemaining(k -> out.put(k, json.optNumber(n, k, mp)));
      return out;
    }
  }

  private static boolean isDoubleMap(RecordComponent c) {
    return c.getGenericType() instanceof ParameterizedType t
        && t.getActualTypeArguments()[1] == Double.class;
  }

  @SuppressWarnings("unchecked")
  private static <R> R value(RecordComponent c, Object record) {
    try {
      return (R) c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + c, e);
    }
  }

  private static void requireComponent(Class<?> type, String name) {
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getName().equals(name)) {
        return;
      }
    }
    throw new IllegalArgumentException(type.getSimpleName() + " has no component " + name);
  }
}
