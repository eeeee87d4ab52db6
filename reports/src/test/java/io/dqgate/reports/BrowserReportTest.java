package io.dqgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.reports.testing.ChurnRunFixture;
import io.dqgate.reports.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report of a failing run in a real headless Chromium: the DOM after load has the verdict
 * and the failing rule, the hostile values are text (no element, no attribute they tried to set),
 * and a screenshot lands in target/ for people to look at. Skipped without Chromium unless {@code
 * -Ddqgate.requireChromium=true}.
 */
class BrowserReportTest {
  private HeadlessChromium chromium;

  @BeforeEach
  void browser() {
    chromium = HeadlessChromium.requireOrSkip();
  }

  @Test
  void controlPageProvesTheBrowserRunsScripts(@TempDir Path dir) throws Exception {
    // Without this, "the payload did not run" could just mean "this browser runs no script".
    Path page = dir.resolve("control.html");
    Files.writeString(
        page,
        "<!DOCTYPE html><html><body><p>control</p><script>"
            + "document.body.setAttribute('data-pwned','1')</script></body></html>");
    assertTrue(
        bodyTag(chromium.dumpDom(page)).contains("data-pwned=\"1\""), "the control script ran");
  }

  @Test
  void failingRunReadsRightAndNoPayloadRuns(@TempDir Path dir) throws Exception {
    Reports.writeAll(ChurnRunFixture.failingRun(), dir);
    Path html = dir.resolve(Reports.HTML_FILE);
    String dom = chromium.dumpDom(html);

    // What a data owner must see.
    assertTrue(dom.contains("data-verdict=\"FAIL\">FAIL</div>"), "verdict banner");
    assertTrue(dom.contains("1 rule failed · 1 dataset blocked"), "headline");
    assertTrue(dom.contains(ChurnRunFixture.APP_NAME), "app name");
    assertTrue(dom.contains(ChurnRunFixture.FAILING_RULE_ID), "failing rule id");
    assertTrue(dom.contains(ChurnRunFixture.FAILING_EXPLANATION), "failing rule explanation");
    assertTrue(dom.contains("rules/churn.yaml:44"), "failing rule source");

    // The payloads are text, never markup, and never ran.
    String body = bodyTag(dom);
    assertFalse(
        body.contains("data-pwned"), "a payload ran and set an attribute on <body>: " + body);
    assertFalse(
        Pattern.compile("<script", Pattern.CASE_INSENSITIVE).matcher(dom).find(),
        "a <script> element exists");
    assertFalse(
        Pattern.compile("<img", Pattern.CASE_INSENSITIVE).matcher(dom).find(),
        "an <img> element exists");
    assertTrue(
        dom.contains("&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;"),
        "the <script> payload is shown as text");
    assertTrue(
        dom.contains("\"&gt;&lt;img src=x onerror=\"document.body"),
        "the <img> payload is shown as text");
    Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(dom);
    assertTrue(title.find());
    assertEquals(
        "FAIL · churn-features-nightly · dqgate report", title.group(1), "title untouched");

    Path png = GoldenFiles.moduleDir().resolve("target/report-screenshots/churn-failing.png");
    chromium.screenshot(html, png, 1280, 2000);
    byte[] head = Files.readAllBytes(png);
    assertTrue(head.length > 20_000, "a real picture, not a blank page: " + head.length + " bytes");
    assertEquals((byte) 0x89, head[0]);
    assertEquals('P', head[1]);
  }

  @Test
  void passingRunRendersInTheBrowser(@TempDir Path dir) throws Exception {
    Reports.writeAll(ChurnRunFixture.passingRun(), dir);
    String dom = chromium.dumpDom(dir.resolve(Reports.HTML_FILE));
    assertTrue(dom.contains("data-verdict=\"PASS\">PASS</div>"));
    assertTrue(dom.contains("All 2 rules passed"));
    chromium.screenshot(
        dir.resolve(Reports.HTML_FILE),
        GoldenFiles.moduleDir().resolve("target/report-screenshots/copy-passing.png"),
        1280,
        1100);
  }

  private static String bodyTag(String dom) {
    Matcher m = Pattern.compile("<body[^>]*>").matcher(dom);
    assertTrue(m.find(), "the DOM has a <body>");
    return m.group();
  }
}
