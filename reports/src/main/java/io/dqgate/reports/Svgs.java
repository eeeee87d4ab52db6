package io.dqgate.reports;

import io.dqgate.core.result.ColumnProfile;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Geometry of the inline SVG pictures. Only coordinates (formatted numbers) and text are produced
 * here; the markup is in the template, where the text is HTML-escaped like everything else.
 */
final class Svgs {
  private Svgs() {}

  // ------------------------------------------------------------------ null-fraction meter

  record Meter(String width, String fill) {}

  static Meter meter(double fraction) {
    double w = 64;
    double f = fraction <= 0 ? 0 : Math.max(1.5, fraction * w);
    return new Meter(Fmt.coord(w), Fmt.coord(f));
  }

  // ------------------------------------------------------------------ box plot

  record BoxPlot(
      String width,
      String height,
      String mid,
      String whiskerX1,
      String whiskerX2,
      String boxX,
      String boxW,
      String boxY,
      String boxH,
      String medianX,
      boolean clippedLow,
      boolean clippedHigh,
      String lowArrow,
      String highArrow,
      String title) {}

  /**
   * Min, quartiles and max of a numeric column. When min or max lie far outside the box (beyond 3
   * IQR) the whisker stops there and an arrow shows the range goes on, so one outlier does not
   * squash the box.
   */
  static BoxPlot boxPlot(ColumnProfile c) {
    Map<String, Double> q = c.quantiles();
    if (q == null) {
      return null;
    }
    Double q1 = q.get("0.25");
    Double med = q.get("0.5");
    Double q3 = q.get("0.75");
    if (!finite(q1) || !finite(med) || !finite(q3)) {
      return null;
    }
    Double min = parse(c.min());
    Double max = parse(c.max());
    double lo = finite(min) ? Math.min(min, q1) : q1;
    double hi = finite(max) ? Math.max(max, q3) : q3;
    double iqr = q3 - q1;
    boolean clippedLow = false;
    boolean clippedHigh = false;
    if (iqr > 0) {
      if (lo < q1 - 3 * iqr) {
        lo = q1 - 3 * iqr;
        clippedLow = true;
      }
      if (hi > q3 + 3 * iqr) {
        hi = q3 + 3 * iqr;
        clippedHigh = true;
      }
    }
    double width = 168;
    double height = 26;
    double pad = 9;
    double from = lo;
    double span = hi - lo;
    java.util.function.DoubleUnaryOperator x =
        span <= 0 ? v -> width / 2 : v -> pad + (v - from) / span * (width - 2 * pad);
    double mid = height / 2;
    double boxX = x.applyAsDouble(q1);
    double boxW = Math.max(1.5, x.applyAsDouble(q3) - boxX);
    String title =
        "min "
            + Fmt.orDash(c.min())
            + " · p25 "
            + Fmt.number(q1)
            + " · median "
            + Fmt.number(med)
            + " · p75 "
            + Fmt.number(q3)
            + " · max "
            + Fmt.orDash(c.max())
            + (clippedLow || clippedHigh ? " (whiskers cut at 3 IQR)" : "");
    double wl = x.applyAsDouble(lo);
    double wh = x.applyAsDouble(hi);
    return new BoxPlot(
        Fmt.coord(width),
        Fmt.coord(height),
        Fmt.coord(mid),
        Fmt.coord(wl),
        Fmt.coord(wh),
        Fmt.coord(boxX),
        Fmt.coord(boxW),
        Fmt.coord(mid - 7),
        Fmt.coord(14),
        Fmt.coord(x.applyAsDouble(med)),
        clippedLow,
        clippedHigh,
        points(wl - 1, mid, wl + 5, mid - 4, wl + 5, mid + 4),
        points(wh + 1, mid, wh - 5, mid - 4, wh - 5, mid + 4),
        title);
  }

  // ------------------------------------------------------------------ skew bar chart

  record Bar(
      String label,
      String y,
      String textY,
      String width,
      String valueX,
      String value,
      boolean max) {}

  record BarChart(
      String title,
      String ratio,
      boolean skewed,
      String width,
      String height,
      String barX,
      String barH,
      String medianX,
      String axisY2,
      List<Bar> bars) {}

  /**
   * Horizontal bars of a per-task distribution's quantiles, on a linear scale from 0 to the max.
   */
  static BarChart barChart(
      String title, StageSummary.Distribution d, boolean bytes, double skewRatio) {
    String[] labels = {"min", "p25", "median", "p75", "p95", "max"};
    long[] values = {d.min(), d.p25(), d.median(), d.p75(), d.p95(), d.max()};
    double width = 380;
    double labelW = 52;
    double valueW = 78;
    double barArea = width - labelW - valueW - 6;
    double rowH = 19;
    double barH = 13;
    double top = 4;
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      double w = d.max() <= 0 ? 0 : (double) values[i] / d.max() * barArea;
      if (values[i] > 0) {
        w = Math.max(w, 1.5);
      }
      double y = top + i * rowH;
      bars.add(
          new Bar(
              labels[i],
              Fmt.coord(y),
              Fmt.coord(y + barH - 2.5),
              Fmt.coord(w),
              Fmt.coord(width),
              bytes ? Fmt.bytes(values[i]) : Fmt.millis(values[i]),
              i == values.length - 1));
    }
    double medianX = labelW + (d.max() <= 0 ? 0 : (double) d.median() / d.max() * barArea);
    double ratio = d.maxOverMedian();
    return new BarChart(
        title,
        "max / median " + Fmt.ratio(ratio),
        d.max() > 0 && ratio >= skewRatio,
        Fmt.coord(width),
        Fmt.coord(top * 2 + values.length * rowH),
        Fmt.coord(labelW),
        Fmt.coord(barH),
        Fmt.coord(medianX),
        Fmt.coord(top + values.length * rowH),
        bars);
  }

  // ------------------------------------------------------------------ lineage graph

  /** A box of the lineage graph at ({@code left}, {@code top}); the template reads the strings. */
  record Node(
      double left,
      double top,
      String label,
      String sub,
      String title,
      String cls,
      boolean dataset,
      boolean blocked,
      String href) {
    String x() {
      return Fmt.coord(left);
    }

    String y() {
      return Fmt.coord(top);
    }

    String w() {
      return Fmt.coord(NODE_W);
    }

    String h() {
      return Fmt.coord(NODE_H);
    }

    String textX() {
      return Fmt.coord(left + 14);
    }

    String labelY() {
      return Fmt.coord(top + 19);
    }

    String subY() {
      return Fmt.coord(top + 35);
    }
  }

  record Edge(String path, String cls) {}

  record Graph(String width, String height, List<Node> nodes, List<Edge> edges) {}

  private static final double NODE_W = 220;
  private static final double NODE_H = 44;
  private static final double COL_GAP = 64;
  private static final double ROW_GAP = 14;
  private static final double PAD = 8;

  /**
   * Inputs on the left, each gated dataset one column right of its right-most input; within a
   * column, nodes are ordered by the mean row of their inputs to keep edges from crossing.
   */
  static Graph lineage(GateRun run, List<Lineage.Entry> entries) {
    if (entries.isEmpty()) {
      return null;
    }
    // Nodes: external inputs (first-seen order), then datasets (pipeline order).
    Map<DatasetId, Integer> external = new LinkedHashMap<>();
    for (Lineage.Entry e : entries) {
      for (Lineage.Input in : e.inputs()) {
        if (in.external()) {
          external.putIfAbsent(in.id(), external.size());
        }
      }
    }
    int nExt = external.size();
    int n = nExt + entries.size();
    List<List<Integer>> preds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      preds.add(new ArrayList<>());
    }
    for (Lineage.Entry e : entries) {
      // A later result of the same dataset is drawn as its first node: its inputs are that node's.
      int self = nExt + e.node();
      List<Integer> p = preds.get(self);
      for (Lineage.Input in : e.inputs()) {
        int from =
            in.external() ? external.get(in.id()) : nExt + entries.get(in.datasetIndex()).node();
        if (from != self && !p.contains(from)) {
          p.add(from);
        }
      }
    }
    // Layers by longest path; relaxation capped at n rounds so a cycle cannot loop forever.
    int[] layer = new int[n];
    for (int round = 0; round < n; round++) {
      boolean changed = false;
      for (int v = nExt; v < n; v++) {
        int l = 0;
        for (int u : preds.get(v)) {
          l = Math.max(l, layer[u] + 1);
        }
        l = Math.min(l, n);
        if (l != layer[v]) {
          layer[v] = l;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    int layers = 0;
    for (int l : layer) {
      layers = Math.max(layers, l + 1);
    }
    List<List<Integer>> columns = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      columns.add(new ArrayList<>());
    }
    for (int v = 0; v < n; v++) {
      if (v < nExt || entries.get(v - nExt).node() == v - nExt) {
        columns.get(layer[v]).add(v);
      }
    }
    double[] row = new double[n];
    for (int l = 0; l < layers; l++) {
      List<Integer> col = columns.get(l);
      if (l > 0) {
        Map<Integer, Double> key = new LinkedHashMap<>();
        for (int v : col) {
          key.put(
              v, preds.get(v).stream().mapToDouble(u -> row[u]).average().orElse(Double.MAX_VALUE));
        }
        col.sort(Comparator.comparingDouble(key::get));
      }
      for (int i = 0; i < col.size(); i++) {
        row[col.get(i)] = i;
      }
    }
    int maxRows = columns.stream().mapToInt(List::size).max().orElse(1);
    double height = PAD * 2 + maxRows * NODE_H + (maxRows - 1) * ROW_GAP;
    double width = PAD * 2 + layers * NODE_W + (layers - 1) * COL_GAP;
    double[] nx = new double[n];
    double[] ny = new double[n];
    for (int l = 0; l < layers; l++) {
      List<Integer> col = columns.get(l);
      double colH = col.size() * NODE_H + (col.size() - 1) * ROW_GAP;
      double offset = (height - 2 * PAD - colH) / 2;
      for (int v : col) {
        nx[v] = PAD + l * (NODE_W + COL_GAP);
        ny[v] = PAD + offset + row[v] * (NODE_H + ROW_GAP);
      }
    }
    List<Node> nodes = new ArrayList<>();
    for (Map.Entry<DatasetId, Integer> ext : external.entrySet()) {
      int v = ext.getValue();
      String label = ext.getKey().label();
      nodes.add(
          new Node(nx[v], ny[v], Fmt.tail(label, 32), "input", label, "input", false, false, null));
    }
    for (Lineage.Entry e : entries) {
      if (e.node() != e.index()) {
        continue;
      }
      int v = nExt + e.index();
      DatasetResult d = e.dataset();
      List<Lineage.Entry> same = entries.stream().filter(o -> o.node() == e.index()).toList();
      Status s = same.stream().map(o -> o.dataset().status()).reduce(Status.PASS, Status::worst);
      boolean published = same.stream().allMatch(o -> o.dataset().published());
      List<Integer> stageIds =
          same.stream().flatMap(o -> o.stageIds().stream()).distinct().toList();
      String kind = d.ref() == null ? "dataset" : d.ref().kind().keyword();
      String sub =
          kind
              + " · "
              + s.name()
              + (published ? "" : " · blocked")
              + (stageIds.isEmpty()
                  ? ""
                  : " · stage "
                      + String.join(",", stageIds.stream().map(String::valueOf).toList()));
      String title =
          Fmt.orDash(d.name()) + (d.id() == null ? "" : " (" + names(same) + ")") + ": " + s.name();
      nodes.add(
          new Node(
              nx[v],
              ny[v],
              Fmt.head(d.name(), 30),
              Fmt.head(sub, 40),
              title,
              StatusStyle.cssClass(s),
              true,
              !published,
              "#ds-" + (e.index() + 1)));
    }
    List<Edge> edges = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      for (int u : preds.get(v)) {
        double x1 = nx[u] + NODE_W;
        double y1 = ny[u] + NODE_H / 2;
        double x2 = nx[v] - 3;
        double y2 = ny[v] + NODE_H / 2;
        String path;
        double lane = lane(u, v, layer, nx, ny, x1, y1, x2, y2);
        if (Double.isNaN(lane)) {
          double dx = x2 <= x1 ? 60 : Math.max(24, (x2 - x1) / 2);
          path =
              "M" + xy(x1, y1) + " C" + xy(x1 + dx, y1) + " " + xy(x2 - dx, y2) + " " + xy(x2, y2);
        } else {
          // Around the columns in between: down (or up) into a lane, along it, and back.
          double h = COL_GAP / 2;
          path =
              "M"
                  + xy(x1, y1)
                  + " C"
                  + xy(x1 + h * 0.75, y1)
                  + " "
                  + xy(x1 + h * 0.25, lane)
                  + " "
                  + xy(x1 + h, lane)
                  + " L"
                  + xy(x2 - h, lane)
                  + " C"
                  + xy(x2 - h * 0.25, lane)
                  + " "
                  + xy(x2 - h * 0.75, y2)
                  + " "
                  + xy(x2, y2);
          height = Math.max(height, lane + PAD);
        }
        String cls =
            v >= nExt ? StatusStyle.cssClass(entries.get(v - nExt).dataset().status()) : "pass";
        edges.add(new Edge(path, cls));
      }
    }
    return new Graph(Fmt.coord(width), Fmt.coord(height), nodes, edges);
  }

  /** Every name of the results drawn as one node, each once. */
  private static String names(List<Lineage.Entry> same) {
    java.util.Set<io.dqgate.rules.DatasetRef> refs = new java.util.LinkedHashSet<>();
    same.forEach(o -> refs.addAll(o.dataset().id() == null ? List.of() : o.dataset().id().refs()));
    return new DatasetId(null, List.copyOf(refs)).names();
  }

  /**
   * NaN when the straight curve from u to v misses every node of the columns in between; otherwise
   * the y of a lane just below (or, when closer and room allows, above) those columns.
   */
  private static double lane(
      int u,
      int v,
      int[] layer,
      double[] nx,
      double[] ny,
      double x1,
      double y1,
      double x2,
      double y2) {
    if (layer[v] - layer[u] < 2) {
      return Double.NaN;
    }
    double dx = Math.max(24, (x2 - x1) / 2);
    boolean hits = false;
    double top = Double.MAX_VALUE;
    double bottom = -Double.MAX_VALUE;
    for (int w = 0; w < layer.length; w++) {
      if (layer[w] <= layer[u] || layer[w] >= layer[v]) {
        continue;
      }
      top = Math.min(top, ny[w]);
      bottom = Math.max(bottom, ny[w] + NODE_H);
      for (int i = 0; i <= 50 && !hits; i++) {
        double t = i / 50.0;
        double mt = 1 - t;
        double px =
            mt * mt * mt * x1
                + 3 * mt * mt * t * (x1 + dx)
                + 3 * mt * t * t * (x2 - dx)
                + t * t * t * x2;
        double py = mt * mt * mt * y1 + 3 * mt * mt * t * y1 + 3 * mt * t * t * y2 + t * t * t * y2;
        hits =
            px >= nx[w] - 4
                && px <= nx[w] + NODE_W + 4
                && py >= ny[w] - 4
                && py <= ny[w] + NODE_H + 4;
      }
    }
    if (!hits) {
      return Double.NaN;
    }
    double below = bottom + ROW_GAP / 2 + 2;
    double above = top - ROW_GAP / 2 - 2;
    double mid = (y1 + y2) / 2;
    return above >= 2 && mid - above < below - mid ? above : below;
  }

  private static String xy(double x, double y) {
    return Fmt.coord(x) + "," + Fmt.coord(y);
  }

  // ------------------------------------------------------------------ helpers

  private static String points(double... xy) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < xy.length; i += 2) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(Fmt.coord(xy[i])).append(',').append(Fmt.coord(xy[i + 1]));
    }
    return b.toString();
  }

  private static boolean finite(Double v) {
    return v != null && !v.isNaN() && !v.isInfinite();
  }

  private static Double parse(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
