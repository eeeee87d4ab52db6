package io.dqgate.core.result;

import java.util.Map;

/**
 * Per-column metrics of a dataset, computed in the same pass as its rules; fields the rules did not
 * need are null. {@code min}/{@code max} are text so dates and strings fit; {@code quantiles} maps
 * {@code "0.25"}, {@code "0.5"}, {@code "0.75"} to values (approximate, relative error ≤ 0.001).
 */
public record ColumnProfile(
    String name,
    String type,
    Long nullCount,
    Long nanCount,
    Long distinctCount,
    String min,
    String max,
    Double sum,
    Map<String, Double> quantiles) {}
