/**
 * Renderers of a gate run. The only public type is {@link io.dqgate.reports.Reports}: report.json
 * (versioned, with a JSON Schema), report.html (one self-contained page for a data owner) and junit.xml
 * (for CI), each written atomically. Everything else is package-private.
 */
package io.dqgate.reports;
