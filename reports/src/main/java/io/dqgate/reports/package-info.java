/**
 * Renderers of a gate run. The only public type is {@link io.dqgate.reports.Reports}: report.json
 * (versioned, with a JSON Schema), report.html (one self-contained page for a data owner) and
 * junit.xml (for CI), each written atomically. Everything else is package-private, one job per
 * class:
 *
 * <ul>
 *   <li>report.json: {@code JsonReportWriter} writes it, {@code JsonReportReader} reads it back
 *       (through {@code StrictJson}, whose errors name the JSON path), both with the field names of
 *       {@code JsonFields}.
 *   <li>report.html: {@code HtmlPage} and {@code StageViews} build the view model ({@code
 *       HtmlView}, only formatted strings), {@code Svgs} draws its charts and lineage graph, {@code
 *       HtmlReport} renders it with the mustache template; {@code StatusStyle} is how a status
 *       looks.
 *   <li>junit.xml: {@code JunitReport}.
 *   <li>Shared: {@code Lineage} (a run's datasets, inputs and stages), {@code Fmt} (values for
 *       people, on top of {@code io.dqgate.rules.Formats}), {@code AtomicFiles}.
 * </ul>
 */
package io.dqgate.reports;
