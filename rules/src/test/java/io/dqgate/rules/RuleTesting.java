package io.dqgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.RuleMeta;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds small rule files for tests. {@link #checks} and {@link #diagnostics} put the given lines
 * into one dataset block "orders", so that the first line is line 5 and its check keyword is at
 * column 9.
 */
final class RuleTesting {
  private RuleTesting() {}

  static final String FILE = "r.yaml";

  /** A file whose 5th line is the first of {@code lines}, under {@code checks:}. */
  static String checks(String... lines) {
    return block("checks", lines);
  }

  /** A file whose 5th line is the first of {@code lines}, under {@code diagnostics:}. */
  static String diagnostics(String... lines) {
    return block("diagnostics", lines);
  }

  private static String block(String key, String... lines) {
    return "datasets:\n"
        + "  - name: orders\n"
        + "    match: {path: out/orders}\n"
        + "    "
        + key
        + ":\n"
        + Arrays.stream(lines).map(l -> "      " + l + "\n").collect(Collectors.joining());
  }

  static RuleFile parse(String yaml) {
    return RuleParser.parse(FILE, yaml);
  }

  /** The rules of one {@code checks:} line, e.g. {@code "- not_null: {column: a}"}. */
  static List<Check> rules(String line) {
    return parse(checks(line)).datasets().get(0).checks();
  }

  static Check rule(String line) {
    List<Check> rules = rules(line);
    assertEquals(1, rules.size(), () -> "expected one rule, got " + rules);
    return rules.get(0);
  }

  static Check diagnostic(String line) {
    List<Check> rules = parse(diagnostics(line)).datasets().get(0).diagnostics();
    assertEquals(1, rules.size(), () -> "expected one diagnostic, got " + rules);
    return rules.get(0);
  }

  /** The problems, as printed, of a file that must be rejected. */
  static List<String> problems(String text) {
    return problems(FILE, text);
  }

  static List<String> problems(String source, String text) {
    RuleFileException e =
        assertThrows(RuleFileException.class, () -> RuleParser.parse(source, text));
    return e.problems().stream().map(RuleProblem::toString).toList();
  }

  /**
   * The meta of a rule written at {@code line} of {@link #checks}, column 9, failing, no
   * description.
   */
  static RuleMeta meta(String id, int line) {
    return new RuleMeta(id, Severity.FAIL, null, new SourceLocation(FILE, line, 9));
  }

  /** {@code check} with its location blanked, to compare rules parsed from different places. */
  static Check withoutLocation(Check check) {
    try {
      RecordComponent[] components = check.getClass().getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = components[i].getAccessor().invoke(check);
        if (values[i] instanceof RuleMeta m) {
          values[i] = new RuleMeta(m.id(), m.severity(), m.description(), null);
        }
      }
      Constructor<?> constructor = check.getClass().getDeclaredConstructor(types);
      return (Check) constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
