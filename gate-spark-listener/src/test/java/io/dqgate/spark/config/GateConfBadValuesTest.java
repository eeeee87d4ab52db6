package io.dqgate.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spark.dqgate.* key given a bad value: one sentence naming the key, the value and the fix.
 */
class GateConfBadValuesTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(
            "spark.dqgate.enabled",
            "yes",
            "spark.dqgate.enabled=yes: \"yes\" is not true or false"),
        Arguments.of(
            "spark.dqgate.enabled", "", "spark.dqgate.enabled=: \"\" is not true or false"),
        Arguments.of(
            "spark.dqgate.rules",
            "a.yaml,,b.yaml",
            "spark.dqgate.rules=a.yaml,,b.yaml: \"a.yaml,,b.yaml\" has an empty entry: separate rule files with single commas, e.g. a.yaml,b.yaml"),
        Arguments.of(
            "spark.dqgate.rules",
            "a.yaml,",
            "spark.dqgate.rules=a.yaml,: \"a.yaml,\" has an empty entry"),
        Arguments.of(
            "spark.dqgate.mode",
            "enforcing",
            "spark.dqgate.mode=enforcing is not valid: use one of enforce, observe, off"),
        Arguments.of(
            "spark.dqgate.failOnBreach",
            "1",
            "spark.dqgate.failOnBreach=1: \"1\" is not true or false"),
        Arguments.of(
            "spark.dqgate.onInternalError",
            "fail_shut",
            "spark.dqgate.onInternalError=fail_shut is not valid: use one of fail-open, fail-closed"),
        Arguments.of(
            "spark.dqgate.reportDir",
            "  ",
            "spark.dqgate.reportDir=  : the report directory is empty: give a local path such as dqgate-report"),
        Arguments.of(
            "spark.dqgate.unmatchedRules",
            "error",
            "spark.dqgate.unmatchedRules=error is not valid: use one of warn, fail"),
        Arguments.of(
            "spark.dqgate.history",
            "hdfs://[bad/history",
            "spark.dqgate.history=hdfs://[bad/history: is not a valid Hadoop FS path: give one such as"
                + " hdfs:///dqgate/history, or leave the key unset"),
        Arguments.of(
            "spark.dqgate.history.retention",
            "0",
            "spark.dqgate.history.retention=0 is not valid: use a whole number of runs of at least 1"
                + " (e.g. 100)"),
        Arguments.of(
            "spark.dqgate.views",
            "lazy",
            "spark.dqgate.views=lazy is not valid: use one of eager, observe, off"),
        Arguments.of(
            "spark.dqgate.lineage.enabled",
            "on",
            "spark.dqgate.lineage.enabled=on: \"on\" is not true or false"),
        Arguments.of(
            "spark.dqgate.lineage.flushTimeout",
            "10",
            "spark.dqgate.lineage.flushTimeout=10 is not valid: use a whole number with ms, s or m (e.g. 10s)"),
        Arguments.of(
            "spark.dqgate.lineage.flushTimeout",
            "-5s",
            "spark.dqgate.lineage.flushTimeout=-5s is not valid"),
        Arguments.of(
            "spark.dqgate.lineage.flushTimeout",
            "99999999999999999999s",
            "spark.dqgate.lineage.flushTimeout=99999999999999999999s is not valid"),
        Arguments.of(
            "spark.dqgate.mdoe",
            "enforce",
            "unknown key spark.dqgate.mdoe (did you mean spark.dqgate.mode?)"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void isRefusedWithOneSentence(String key, String value, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GateConf.from(Map.of(key, value)));
    assertTrue(
        e.getMessage().startsWith("Cannot start dqgate because of its configuration: " + expected),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith("Every key is described in docs/attach.md."), e.getMessage());
  }

  @Test
  void everyKeyHasABadValueCase() {
    Set<String> covered = badValues().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
    for (GateConf.Key<?> key : GateConf.keys()) {
      assertTrue(covered.contains(key.name()), key.name() + " has no bad-value case");
    }
    assertEquals(GateConf.keys().size() + 1, covered.size(), "plus one misspelt key");
  }
}
