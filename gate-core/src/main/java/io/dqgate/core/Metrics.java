package io.dqgate.core;

import io.dqgate.rules.check.MetricKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Metric values of one dataset, by key. A missing key means "not computed". */
final class Metrics {
  private final Map<MetricKey, Object> values;

  Metrics(Map<MetricKey, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  boolean has(MetricKey key) {
    return values.containsKey(key);
  }

  Object get(MetricKey key) {
    return values.get(key);
  }

  long count(MetricKey key) {
    Object v = values.get(key);
    return v == null ? 0L : ((Number) v).longValue();
  }

  Metrics plus(Map<MetricKey, Object> more) {
    Map<MetricKey, Object> all = new LinkedHashMap<>(values);
    all.putAll(more);
    return new Metrics(all);
  }

  Map<MetricKey, Object> asMap() {
    return values;
  }
}
