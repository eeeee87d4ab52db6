package io.dqgate.core;

import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Outcomes;
import io.dqgate.core.result.Status;
import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.History;
import io.dqgate.rules.check.MetricKey;
import io.dqgate.rules.check.Observed;
import io.dqgate.rules.check.RunStages;
import io.dqgate.rules.check.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Metrics → one outcome per rule. The kinds judge ({@link io.dqgate.rules.check.DataCheck.Judge});
 * this turns a judgement into an {@link Outcome}, and a rule that could not be planned or whose
 * metric is missing into an ERROR outcome with its reason.
 */
final class Verdicts {
  private final CheckPlan plan;
  private final Metrics m;
  private final long rows;
  private final Observed observed;

  Verdicts(CheckPlan plan, Metrics metrics, Clock clock) {
    this(plan, metrics, clock, History.NONE);
  }

  Verdicts(CheckPlan plan, Metrics metrics, Clock clock, History history) {
    this(plan, metrics, clock, history, RunStages.NONE);
  }

  Verdicts(CheckPlan plan, Metrics metrics, Clock clock, History history, RunStages stages) {
    this.plan = plan;
    this.m = metrics;
    this.rows = metrics.count(new MetricKey.RowCount());
    Instant now = clock.instant();
    ZoneId zone = sessionZone();
    this.observed =
        new Observed() {
          public long rows() {
            return rows;
          }

          public long count(MetricKey key) {
            return m.count(key);
          }

          public Object value(MetricKey key) {
            return m.get(key);
          }

          public Instant now() {
            return now;
          }

          public ZoneId zone() {
            return zone;
          }

          public History history() {
            return history;
          }

          public RunStages runStages() {
            return stages;
          }
        };
  }

  List<Outcome> all() {
    List<Outcome> outcomes = new ArrayList<>();
    for (Check check : plan.checks()) {
      outcomes.add(of(check));
    }
    return outcomes;
  }

  Outcome of(Check check) {
    String error = plan.error(check);
    if (error != null) {
      return error(check, "cannot check " + check.keyword() + " because " + error);
    }
    for (MetricKey key : plan.needs(check)) {
      if (!m.has(key)) {
        return error(
            check,
            "cannot check "
                + check.keyword()
                + " because its metric was not computed"
                + (key.singlePass() ? "" : " (the extra pass did not run)"));
      }
    }
    Verdict v = plan.judge(check).judge(observed);
    Status status =
        switch (v.basis()) {
          case JUDGED -> Outcomes.breachStatus(check, v.breached());
          case TOO_LITTLE_HISTORY -> Status.INFO;
          case NO_HISTORY -> Status.WARN;
          case UNREADABLE_HISTORY -> Status.ERROR;
          case NO_OTHER_STAGE -> Status.WARN;
        };
    return outcome(check, status, v.observed(), v.total(), v.threshold(), v.sentence());
  }

  private Outcome error(Check c, String reason) {
    String subject = c.column() == null ? "" : c.column() + ": ";
    return outcome(c, Status.ERROR, null, rows, null, subject + reason);
  }

  private Outcome outcome(
      Check c, Status status, Double observed, Long total, String threshold, String sentence) {
    return Outcomes.of(c, status, observed, total, threshold, sentence, plan.needsExtraPass(c));
  }

  /** How dates and zone-less timestamps become instants: the session time zone, else UTC. */
  private static ZoneId sessionZone() {
    scala.Option<SparkSession> session = SparkSession.getActiveSession();
    if (session.isEmpty()) {
      session = SparkSession.getDefaultSession();
    }
    return session.isEmpty()
        ? ZoneId.of("UTC")
        : ZoneId.of(session.get().sessionState().conf().sessionLocalTimeZone());
  }
}
