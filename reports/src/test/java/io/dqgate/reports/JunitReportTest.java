package io.dqgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.reports.testing.ChurnRunFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportTest {

  @Test
  void matchesGoldenFile() throws Exception {
    GoldenFiles.assertMatches(
        "churn-failing.junit.xml",
        GoldenFiles.normaliseXml(Reports.renderJunitXml(ChurnRunFixture.failingRun())));
  }

  @Test
  void oneSuitePerDatasetPlusSparkStagesWithCounts() throws Exception {
    Document doc = parse(Reports.renderJunitXml(ChurnRunFixture.failingRun()));
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals("14", root.getAttribute("tests"));
    assertEquals("1", root.getAttribute("failures"));
    assertEquals("1", root.getAttribute("errors"));
    assertEquals("754.318", root.getAttribute("time"));

    List<Element> suites = children(root, "testsuite");
    assertEquals(
        List.of(
            "raw_events (path s3a://lake/bronze/events/dt=2024-06-10)",
            "customers_clean (view customers_clean)",
            "transactions_enriched (stage transactions_enriched)",
            "churn_features (path s3a://lake/gold/churn_features)",
            "spark-stages"),
        suites.stream().map(s -> s.getAttribute("name")).toList());

    Element churn = suites.get(3);
    assertEquals("4", churn.getAttribute("tests"));
    assertEquals("1", churn.getAttribute("failures"));
    assertEquals("0", churn.getAttribute("errors"));
    Element range = testcase(churn, ChurnRunFixture.FAILING_RULE_ID);
    assertEquals("churn_features", range.getAttribute("classname"));
    Element failure = children(range, "failure").get(0);
    assertEquals(ChurnRunFixture.FAILING_EXPLANATION, failure.getAttribute("message"));
    assertEquals("range", failure.getAttribute("type"));
    assertTrue(
        failure.getTextContent().contains("source: rules/churn.yaml:44"), failure.getTextContent());

    Element error =
        children(testcase(suites.get(2), ChurnRunFixture.ERROR_RULE_ID), "error").get(0);
    assertTrue(error.getAttribute("message").startsWith("Cannot compute not_null on discount_pct"));

    Element warn = testcase(suites.get(1), ChurnRunFixture.WARN_RULE_ID);
    assertTrue(
        children(warn, "failure").isEmpty() && children(warn, "error").isEmpty(), "WARN passes");
    assertTrue(
        children(warn, "system-out")
            .get(0)
            .getTextContent()
            .startsWith("WARN: 1,157 of 48,211 rows"));

    Element stages = suites.get(4);
    assertEquals(
        "spark-stages", testcase(stages, "spark.partition_skew").getAttribute("classname"));
    Element info = testcase(stages, "spark.small_files");
    assertEquals(0, info.getChildNodes().getLength(), "INFO passes silently");
  }

  @Test
  void hostileAndInvalidCharactersStayWellFormed() throws Exception {
    GateRun base = ChurnRunFixture.failingRun();
    String nasty = "a\u0000b\u0007c]]>d</testcase>&amp;\"'<x>\uD800e\uFFFF😀";
    Outcome o =
        new Outcome(
            nasty, "range", nasty, null, Status.FAIL, 1.0, 2L, nasty, nasty, null, nasty, false);
    DatasetResult d = base.datasets().get(0).withOutcomes(List.of(o));
    GateRun run =
        new GateRun(
            base.runId(),
            nasty,
            base.appId(),
            base.startedAt(),
            base.endedAt(),
            base.mode(),
            base.sparkVersion(),
            base.dqgateVersion(),
            base.ruleFiles(),
            List.of(d),
            List.of(),
            List.of(),
            List.of(),
            1);
    String xml = Reports.renderJunitXml(run);
    Document doc = parse(xml);
    String expected = "a\uFFFDb\uFFFDc]]>d</testcase>&amp;\"'<x>\uFFFDe\uFFFD😀";
    Element tc = (Element) doc.getElementsByTagName("testcase").item(0);
    assertEquals(expected, tc.getAttribute("name"));
    assertEquals(
        expected, ((Element) tc.getElementsByTagName("failure").item(0)).getAttribute("message"));
    assertFalse(xml.contains("<x>"), "markup in values is escaped");
  }

  @Test
  void passingRunHasNoFailures() throws Exception {
    Document doc = parse(Reports.renderJunitXml(ChurnRunFixture.passingRun()));
    assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
    assertEquals(0, doc.getElementsByTagName("failure").getLength());
    assertEquals(
        2,
        doc.getElementsByTagName("testsuite").getLength(),
        "no spark-stages suite without outcomes");
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Element testcase(Element suite, String name) {
    return children(suite, "testcase").stream()
        .filter(t -> t.getAttribute("name").equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no testcase " + name + " in " + suite.getAttribute("name")));
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
        out.add(e);
      }
    }
    return out;
  }
}
