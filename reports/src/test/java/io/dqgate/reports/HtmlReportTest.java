package io.dqgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.StageSummary;
import io.dqgate.reports.testing.ChurnRunFixture;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final String HTML = Reports.renderHtml(ChurnRunFixture.failingRun());

  @Test
  void hostileValuesAreEscapedEverywhere() {
    assertFalse(
        HTML.contains(ChurnRunFixture.SCRIPT_PAYLOAD), "raw <script> payload must never appear");
    assertFalse(HTML.contains("<img"), "raw <img> payload must never appear");
    assertFalse(HTML.contains("onerror=\""), "no attribute can be injected");
    assertFalse(
        Pattern.compile("<script", Pattern.CASE_INSENSITIVE).matcher(HTML).find(),
        "the page has no script");
    String escapedScript =
        "&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&lt;/script&gt;";
    // column name (column table, findings, rule table), rule text, explanation
    assertTrue(
        count(HTML, "<code>" + escapedScript + "</code>") >= 2,
        "hostile column name shown as text");
    assertTrue(
        HTML.contains("have " + escapedScript + " longer than 256"),
        "hostile explanation shown as text");
    assertTrue(
        HTML.contains("&#39;" + escapedScript + "&#39;: {max_length: 256, severity: warn}"),
        "hostile rule text shown as text");
    assertTrue(
        HTML.contains("&quot;&gt;&lt;img src&#61;x onerror&#61;&quot;"),
        "hostile warning shown as text");
  }

  @Test
  void escapesInsideSvgAndAttributesToo() {
    // The hostile input path appears in the lineage graph as <text> and <title>.
    Matcher titles = Pattern.compile("<title>([^<]*)</title>").matcher(HTML);
    boolean found = false;
    while (titles.find()) {
      found |= titles.group(1).contains("&quot;&gt;&lt;img");
    }
    assertTrue(found, "hostile input named in an SVG <title>, escaped");
    // Every attribute value is quoted and free of raw quotes/brackets from data.
    Matcher attrs = Pattern.compile("\\s[a-z-]+=\"([^\"]*)\"").matcher(HTML);
    while (attrs.find()) {
      assertFalse(attrs.group(1).contains("<"), "attribute value with '<': " + attrs.group());
    }
  }

  @Test
  void templateNeverUsesUnescapedTags() throws Exception {
    String template;
    try (InputStream in = Reports.class.getResourceAsStream(HtmlReport.TEMPLATE)) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String withoutComments = template.replaceAll("(?s)\\{\\{!.*?}}", "");
    assertFalse(withoutComments.contains("{{{"), "triple mustache is unescaped");
    assertFalse(withoutComments.contains("{{&"), "{{& is unescaped");
    assertFalse(
        withoutComments.contains("{{="), "no delimiter changes that could hide an unescaped tag");
    assertFalse(
        Pattern.compile("<script", Pattern.CASE_INSENSITIVE).matcher(withoutComments).find());
  }

  @Test
  void isSelfContained() {
    assertFalse(HTML.contains("<link"), "no stylesheet link");
    assertFalse(HTML.contains("<script"), "no script");
    assertFalse(Pattern.compile("(src|href)=\"(?!#)").matcher(HTML).find(), "only in-page links");
    assertFalse(HTML.contains("url(http"), "no CSS url to the network");
    String withoutSvgNamespace = HTML.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assertFalse(
        withoutSvgNamespace.contains("http://") || withoutSvgNamespace.contains("https://"),
        "no URL at all besides the SVG namespace");
    assertTrue(
        HTML.contains("Content-Security-Policy\" content=\"default-src &#39;none&#39;")
            || HTML.contains("Content-Security-Policy\" content=\"default-src 'none'"),
        "a CSP forbids script and network");
  }

  @Test
  void bannerFindingsAndTablesSayWhatHappened() {
    assertTrue(HTML.contains("data-verdict=\"FAIL\">FAIL</div>"));
    assertTrue(HTML.contains("<h1>1 rule failed · 1 dataset blocked</h1>"), "headline");
    assertTrue(HTML.contains("<b>1</b><span>exit code</span>"));
    assertTrue(HTML.contains(ChurnRunFixture.APP_NAME));
    assertTrue(HTML.contains("2024-06-10 02:00:00 UTC"));
    assertTrue(HTML.contains("12 min 34 s"), "duration");
    // Failing rules first: FAIL, then ERROR, then the WARNs, among the findings.
    int fail = HTML.indexOf("<code class=\"rule-id\">" + ChurnRunFixture.FAILING_RULE_ID);
    int error = HTML.indexOf("<code class=\"rule-id\">" + ChurnRunFixture.ERROR_RULE_ID);
    int warn = HTML.indexOf("<code class=\"rule-id\">" + ChurnRunFixture.WARN_RULE_ID);
    assertTrue(fail > 0 && fail < error && error < warn, "findings ordered FAIL, ERROR, WARN");
    assertTrue(HTML.indexOf("312 of 48,102 rows (0.65%) have amount outside [0, 50000]") > fail);
    assertTrue(HTML.contains("<code class=\"source\">rules/churn.yaml:44</code>"));
    assertTrue(HTML.contains("<span class=\"pill blocked\">blocked</span>"));
    assertTrue(HTML.contains("max / median 158×"), "skew ratio of stage 7");
    assertTrue(HTML.contains("<svg class=\"box\""), "box plots");
    assertTrue(HTML.contains("<svg class=\"lineage\""), "lineage graph");
  }

  @Test
  void rendersEdgeCaseRunsWithoutData() {
    for (GateRun run : List.of(ChurnRunFixture.passingRun(), ChurnRunFixture.minimalRun())) {
      String html = Reports.renderHtml(run);
      assertTrue(html.endsWith("</html>\n"), "complete page");
    }
    String pass = Reports.renderHtml(ChurnRunFixture.passingRun());
    assertTrue(pass.contains("data-verdict=\"PASS\""));
    assertTrue(pass.contains("<h1>All 2 rules passed</h1>"));
    assertTrue(pass.contains("Nothing failed, errored or warned."));
    assertTrue(pass.contains("No Spark stage was measured."));
  }

  @Test
  void manyStagesKeepOnlyTheMostSkewedCharts() {
    GateRun base = ChurnRunFixture.failingRun();
    List<StageSummary> stages = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      long max = 1_000L * (i + 1);
      stages.add(
          new StageSummary(
              100 + i,
              0,
              "stage " + i,
              null,
              null,
              10,
              0,
              null,
              new StageSummary.Distribution(10, 900, 1_000, 1_100, 1_200, max),
              0,
              0,
              0,
              0,
              0,
              0,
              0));
    }
    GateRun run =
        new GateRun(
            base.runId(),
            base.appName(),
            base.appId(),
            base.startedAt(),
            base.endedAt(),
            base.mode(),
            base.sparkVersion(),
            base.dqgateVersion(),
            base.ruleFiles(),
            base.datasets(),
            stages,
            List.of(),
            List.of(),
            1);
    String html = Reports.renderHtml(run);
    assertEquals(
        StageViews.MAX_SKEW_CHARTS, count(html, "<span class=\"sid\">"), "charts are capped");
    assertTrue(
        html.contains("<span class=\"sid\">Stage 129</span>"), "the most skewed stage is charted");
    assertFalse(html.contains("<span class=\"sid\">Stage 100</span>"), "the least skewed is not");
    assertTrue(html.contains("Showing the 12 most skewed of 30 stages"));
    assertEquals(30, count(html, "<td><b>1"), "every stage is in the table");
  }

  @Test
  void observedValuesReadAsFractions() {
    assertEquals(
        "312 of 48,102 (0.65%)",
        HtmlPage.observed(ChurnRunFixture.failingRun().datasets().get(3).outcomes().get(2)));
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
