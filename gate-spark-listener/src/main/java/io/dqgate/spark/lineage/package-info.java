/**
 * Internal. OpenLineage events with the data-quality results, sent through the job's own transport.
 */
package io.dqgate.spark.lineage;
