/**
 * Internal. Every helper over Spark-internal Catalyst plans, in one place: what to revisit on a
 * Spark upgrade.
 */
package io.dqgate.spark.plan;
