/**
 * Internal. Stage diagnostics: the Spark listener, the bounded stage metrics collector, the
 * verdicts on skew, partitions, spill and small files, and the recorder that adds them to the run.
 */
package io.dqgate.spark.diagnostics;
