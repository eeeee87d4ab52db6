package io.dqgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.OnlineNormalStrategy;
import com.amazon.deequ.anomalydetection.RateOfChangeStrategy;
import com.amazon.deequ.anomalydetection.seasonal.HoltWinters;
import io.dqgate.rules.check.Anomaly;
import io.dqgate.rules.check.History;
import io.dqgate.rules.check.MetricKey;
import io.dqgate.rules.check.Observed;
import io.dqgate.rules.check.PlanContext;
import io.dqgate.rules.check.Verdict;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * The independent oracle of the {@code anomaly} strategies: Deequ's own strategies ({@code
 * HoltWinters} Daily/Weekly, {@code OnlineNormalStrategy}, {@code RateOfChangeStrategy}) on the
 * same weekly series of 35 runs and the same value of this run reach the same verdict as the gate.
 */
class DeequAnomalyOracleTest {

  /** The gate's verdict on {@code now} after {@link AnomalyTest#weeklySeries()}. */
  private static boolean gateFlags(double now, String rule) {
    Anomaly a = (Anomaly) Fixtures.checks(rule).get(0);
    History history = AnomalyTest.weeklySeries();
    Verdict v =
        a.plan(new PlanContext.Recording())
            .judge(
                new Observed() {
                  public long rows() {
                    return (long) now;
                  }

                  public long count(MetricKey key) {
                    return (long) now;
                  }

                  public Object value(MetricKey key) {
                    return (long) now;
                  }

                  public Instant now() {
                    return Instant.parse("2026-02-09T06:00:00Z");
                  }

                  public ZoneId zone() {
                    return ZoneId.of("UTC");
                  }

                  public History history() {
                    return history;
                  }
                });
    assertEquals(Verdict.Basis.JUDGED, v.basis(), v.sentence());
    return v.breached();
  }

  /** Deequ's verdict on {@code now} as the point after the same series. */
  private static boolean deequFlags(double now, AnomalyDetectionStrategy strategy) {
    List<Object> series = new ArrayList<>();
    for (History.Run run : AnomalyTest.weeklySeries().runs()) {
      series.add(run.metrics().get("RowCount[]"));
    }
    series.add(now);
    int last = series.size() - 1;
    return !strategy
        .detect(
            JavaConverters.asScalaBuffer(series).toVector(),
            new Tuple2<>((Object) last, (Object) (last + 1)))
        .isEmpty();
  }

  @Test
  void holtWintersAgreesWithDeequ() {
    HoltWinters deequ =
        new HoltWinters(
            HoltWinters.MetricInterval$.MODULE$.Daily(),
            HoltWinters.SeriesSeasonality$.MODULE$.Weekly());
    String rule = "anomaly: {metric: row_count, strategy: holt_winters, season: 7}";
    for (double now : new double[] {400, 1010, 2000}) {
      assertEquals(deequFlags(now, deequ), gateFlags(now, rule), "Monday with " + now + " rows");
    }
    assertEquals(true, deequFlags(400, deequ), "Deequ flags the seasonal outlier too");
  }

  @Test
  void onlineNormalAgreesWithDeequ() {
    OnlineNormalStrategy deequ =
        new OnlineNormalStrategy(Option.apply((Object) 3.0), Option.apply((Object) 3.0), 0.1, true);
    for (double now : new double[] {5000, 1000, 400, 1900}) {
      assertEquals(
          deequFlags(now, deequ),
          gateFlags(now, "anomaly: {metric: row_count, strategy: online_normal}"),
          "value " + now);
    }
  }

  @Test
  void rateOfChangeAgreesWithDeequ() {
    RateOfChangeStrategy deequ =
        new RateOfChangeStrategy(Option.apply((Object) (-200.0)), Option.empty(), 1);
    for (double now : new double[] {100, 300, 5000}) {
      assertEquals(
          deequFlags(now, deequ),
          gateFlags(
              now,
              "anomaly: {metric: row_count, strategy: rate_of_change, max_rate_decrease: 200}"),
          "value " + now);
    }
  }
}
