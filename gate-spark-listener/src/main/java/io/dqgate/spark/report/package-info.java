/**
 * Internal. The report sink: report.json, report.html and junit.xml written at the end of the run.
 */
package io.dqgate.spark.report;
