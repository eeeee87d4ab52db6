package io.dqgate.spark.suggest;

import io.dqgate.rules.Formats;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes a profile as a commented rule file in dqgate's language: one rule per finding, each with a
 * comment saying what was observed and what Deequ suggested, thresholds with margins (see {@link
 * Thresholds}) so that every rule passes on the data it came from.
 */
final class RuleFileWriter {
  /** allowed_values only for string columns with at most this many distinct values... */
  static final int MAX_CATEGORIES = 20;

  /**
   * ...each seen, on average, at least this many times (a 12-row file's names are not categories).
   */
  static final int MIN_ROWS_PER_CATEGORY = 10;

  private final StringBuilder out = new StringBuilder();
  private final DataProfile profile;

  private RuleFileWriter(DataProfile profile) {
    this.profile = profile;
  }

  static String write(DataProfile profile, SuggestTarget target) {
    return new RuleFileWriter(profile).file(target);
  }

  private String file(SuggestTarget target) {
    long rows = profile.rows();
    line("# Suggested by `dqgate suggest` from " + Yaml.comment(profile.source()) + ".");
    line(
        "# Profiled with Deequ's ConstraintSuggestionRunner (Rules.DEFAULT + UniqueIfApproximatelyUniqueRule)");
    line(
        "# and one aggregate of dqgate's own (NaN, exact distinct keys, min/max as the gate computes them).");
    line(
        "# The thresholds describe this data with a margin, not your intent: review every rule before use.");
    line(
        "#   row_count: min is "
            + Math.round(Thresholds.ROW_COUNT_FLOOR * 100)
            + "% of the rows observed, rounded down.");
    line(
        "#   not_null: strict where nothing was missing; else the missing fraction (NULL and NaN) + a 95% margin.");
    line(
        "#   range: observed min/max rounded outward to 2 significant digits; min 0 where nothing was negative.");
    line(
        "#   allowed_values: string columns with at most "
            + MAX_CATEGORIES
            + " distinct values, every value seen.");
    line("version: 1");
    line("severity: fail");
    line("");
    line("datasets:");
    line("  - name: " + Yaml.text(target.name()));
    line(
        "    description: "
            + Yaml.quoted(
                "Suggested from " + Formats.count(rows) + " rows of " + profile.source()));
    line("    match: {" + target.matchKey() + ": " + Yaml.quoted(target.matchValue()) + "}");
    line("    checks:");
    schema();
    rule(
        "the data had " + Formats.count(rows) + " rows",
        "row_count: {min: " + Thresholds.rowCountMin(rows) + "}");
    for (ColumnFacts c : profile.columns()) {
      notNull(c);
      unique(c);
      range(c);
      allowedValues(c);
    }
    return out.toString();
  }

  private void schema() {
    StringJoiner columns = new StringJoiner(", ", "{", "}");
    for (ColumnFacts c : profile.columns()) {
      columns.add(Yaml.text(c.name()) + ": " + c.type());
    }
    line("      # " + profile.columns().size() + " columns, with the types they were read as");
    line("      - schema:");
    line("          columns: " + columns);
  }

  private void notNull(ColumnFacts c) {
    long rows = profile.rows();
    if (rows == 0) {
      return;
    }
    String deequ = c.deequ("isComplete");
    if (deequ == null) {
      deequ = c.deequ("hasCompleteness");
    }
    String said =
        deequ == null
            ? "Deequ suggested no completeness rule"
            : "Deequ suggested " + DeequSuggestions.summary(deequ);
    if (c.missing() == 0) {
      rule(
          c.name()
              + ": no NULL"
              + (c.kind() == ColumnFacts.Kind.FRACTIONAL ? " or NaN" : "")
              + " in "
              + Formats.count(rows)
              + " rows; "
              + said,
          "not_null: {column: " + Yaml.text(c.name()) + "}");
      return;
    }
    Double bound = deequ == null ? null : DeequSuggestions.bound(deequ);
    // 1 − 0.94 in decimal, not binary: 0.06, not 0.06000000000000005 (which would round up to
    // 0.0601)
    Double deequMax =
        bound == null ? null : BigDecimal.ONE.subtract(BigDecimal.valueOf(bound)).doubleValue();
    BigDecimal max = Thresholds.missingMax(c.missing(), rows, deequMax);
    String nan =
        c.nans() > 0 || c.kind() == ColumnFacts.Kind.FRACTIONAL
            ? " ("
                + Formats.count(c.nulls())
                + " NULL, "
                + Formats.count(c.nans())
                + " NaN: dqgate counts NaN as missing, Deequ does not)"
            : "";
    rule(
        c.name()
            + ": "
            + Formats.percent((double) c.missing() / rows)
            + " missing in "
            + Formats.count(rows)
            + " rows"
            + nan
            + "; "
            + said,
        "not_null: {column: "
            + Yaml.text(c.name())
            + ", max_fraction: "
            + max.toPlainString()
            + "}");
  }

  private void unique(ColumnFacts c) {
    if (c.duplicateKeys() == null || c.duplicateKeys() != 0 || profile.rows() < 2) {
      return;
    }
    String deequ = c.deequ("isUnique");
    rule(
        c.name()
            + ": "
            + Formats.count(profile.rows())
            + " distinct keys in "
            + Formats.count(profile.rows())
            + " rows (exact count); "
            + (deequ == null ? "Deequ did not suggest isUnique" : "Deequ suggested isUnique"),
        "unique: {column: " + Yaml.text(c.name()) + "}");
  }

  private void range(ColumnFacts c) {
    if (c.min() == null || c.max() == null) {
      return;
    }
    String column = Yaml.text(c.name());
    switch (c.kind()) {
      case INTEGRAL, FRACTIONAL -> {
        boolean integral = c.kind() == ColumnFacts.Kind.INTEGRAL;
        BigDecimal min = Thresholds.lower(c.min(), integral);
        BigDecimal max = Thresholds.upper(c.max(), integral);
        String deequ = c.deequ("isNonNegative");
        rule(
            c.name()
                + ": values from "
                + plain(c.min())
                + " to "
                + plain(c.max())
                + (deequ != null ? "; Deequ suggested isNonNegative" : ""),
            "range: {column: "
                + column
                + ", min: "
                + min.toPlainString()
                + ", max: "
                + max.toPlainString()
                + "}");
      }
      case DATE ->
          rule(
              c.name()
                  + ": dates from "
                  + c.min()
                  + " to "
                  + c.max()
                  + " (widen max for later data)",
              "range: {column: "
                  + column
                  + ", min: "
                  + Yaml.quoted(c.min())
                  + ", max: "
                  + Yaml.quoted(c.max())
                  + "}");
      case TIMESTAMP -> {
        LocalDate first = LocalDate.parse(c.min().substring(0, 10));
        LocalDate afterLast = LocalDate.parse(c.max().substring(0, 10)).plusDays(1);
        rule(
            c.name()
                + ": timestamps from "
                + c.min()
                + " to "
                + c.max()
                + " (whole days; widen max for later data)",
            "range: {column: "
                + column
                + ", min: "
                + Yaml.quoted(first + " 00:00:00")
                + ", max: "
                + Yaml.quoted(afterLast + " 00:00:00")
                + "}");
      }
      default -> {}
    }
  }

  private void allowedValues(ColumnFacts c) {
    List<String> values = c.categories();
    if (c.kind() != ColumnFacts.Kind.STRING
        || values == null
        || values.isEmpty()
        || values.size() > MAX_CATEGORIES
        || (long) values.size() * MIN_ROWS_PER_CATEGORY > profile.rows() - c.nulls()) {
      return;
    }
    String deequ = c.deequ("isContainedIn");
    rule(
        c.name()
            + ": "
            + values.size()
            + " distinct values in "
            + Formats.count(profile.rows() - c.nulls())
            + " non-null rows; "
            + (deequ == null
                ? "Deequ suggested no value list"
                : "Deequ suggested " + DeequSuggestions.summary(deequ)),
        "allowed_values: {column: "
            + Yaml.text(c.name())
            + ", values: "
            + Yaml.list(new ArrayList<>(values))
            + "}");
  }

  private static String plain(String number) {
    try {
      return new BigDecimal(number).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return number;
    }
  }

  private void rule(String comment, String rule) {
    line("      # " + Yaml.comment(comment));
    line("      - " + rule);
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
