package io.dqgate.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateConfTest {

  @Test
  void defaults() {
    GateConf conf = GateConf.from(Map.of());
    assertEquals(GateConf.Mode.ENFORCE, conf.get(GateConf.MODE));
    assertEquals(true, conf.get(GateConf.ENABLED));
    assertEquals(true, conf.get(GateConf.FAIL_ON_BREACH));
    assertEquals(GateConf.OnInternalError.FAIL_OPEN, conf.get(GateConf.ON_INTERNAL_ERROR));
    assertEquals("dqgate-report", conf.get(GateConf.REPORT_DIR));
    assertEquals(GateConf.Views.OBSERVE, conf.get(GateConf.VIEWS));
    assertEquals(List.of(), conf.get(GateConf.RULES));
  }

  @Test
  void valuesAreParsedStrictly() {
    GateConf conf =
        GateConf.from(
            Map.of(
                "spark.dqgate.mode",
                "Observe",
                "spark.dqgate.onInternalError",
                "fail-closed",
                "spark.dqgate.rules",
                "a.yaml, hdfs://nn/b.yaml"));
    assertEquals(GateConf.Mode.OBSERVE, conf.get(GateConf.MODE));
    assertEquals(GateConf.OnInternalError.FAIL_CLOSED, conf.get(GateConf.ON_INTERNAL_ERROR));
    assertEquals(List.of("a.yaml", "hdfs://nn/b.yaml"), conf.get(GateConf.RULES));
  }

  @Test
  void everyMistakeIsNamedAtOnce() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GateConf.from(
                    Map.of(
                        "spark.dqgate.enabled",
                        "yes",
                        "spark.dqgate.mode",
                        "enforse",
                        "spark.dqgate.reportdir",
                        "x")));
    assertEquals(
        "Cannot start dqgate because of its configuration: unknown key spark.dqgate.reportdir (did you mean"
            + " spark.dqgate.reportDir?); known keys: spark.dqgate.enabled, spark.dqgate.rules, spark.dqgate.mode,"
            + " spark.dqgate.failOnBreach, spark.dqgate.onInternalError, spark.dqgate.reportDir, spark.dqgate.views,"
            + " spark.dqgate.lineage.enabled, spark.dqgate.lineage.flushTimeout, spark.dqgate.unmatchedRules, spark.dqgate.history, spark.dqgate.history.retention;"
            + " spark.dqgate.enabled=yes: \"yes\" is not true or false; spark.dqgate.mode=enforse is not valid: use one of enforce, observe,"
            + " off. Every key is described in docs/attach.md.",
        e.getMessage());
  }
}
